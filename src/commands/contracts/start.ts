import { defineContract } from '../contract.js';
import { BACKENDS, EFFORTS, SANDBOXES, WORKTREE_NAME } from '../../engine/vocabulary.js';

export const start = defineContract({
  name: 'start',
  group: 'Agents',
  usage: 'start "prompt" [options]',
  summary: 'Start an agent in its own tmux session',
  text: { what: 'prompt' },
  help: `The session is named cc-agent-<id>.

Options:
  -m, --model <name>        model or alias (claude default: opus; -r low alone means sonnet)
  -r, --reasoning <level>   ${EFFORTS.join(' | ')} (default xhigh)
      --auto                without -m and -r: the model and effort that history says do best
                            on this kind of task (see: cc-agent insights)
  -s, --sandbox <mode>      ${SANDBOXES.join(' | ')} (default workspace-write)
  -f, --file <glob>         inject matching files into the prompt (repeatable)
      --map                 inject docs/CODEBASE_MAP.md
  -d, --dir <path>          working directory (default: here)
      --worktree [name]     run in a new git worktree on branch cc-agent/<id>
                            (<repo>/.cc-agent/worktrees/<name>, name defaults to the id)
      --base <ref>          what the worktree branches from (default HEAD)
      --budget <usd>        interrupt it (Escape) and tell it why once its cost reaches this
      --exclusive-files     a file it edits is refused to other agents (and theirs to it)
                            until it lets go (see: cc-agent conflicts)
      --agent <name>        ${BACKENDS.join(' | ')} (default claude; demo = built-in simulated agent)
      --strip-ansi          strip escape codes from this job's 'output'
      --dry-run             print the full prompt and the exact argv; launch nothing
      --json                print the job (or the dry-run plan) as JSON

The prompt is one argument, or several joined by spaces. Use -- before a prompt that starts
with a dash, or '-' to read it from stdin.

Examples:
  cc-agent start "Audit the auth flow" -s read-only --map
  cc-agent start "Add rate limiting to the API" --worktree --base main
  cc-agent start --agent demo "[[work 2]] [[done \\"all good\\"]]"`,
  flags: {
    model: { type: 'string', shortFlag: 'm' },
    reasoning: { type: 'string', shortFlag: 'r' },
    sandbox: { type: 'string', shortFlag: 's' },
    file: { type: 'string', shortFlag: 'f', isMultiple: true },
    map: { type: 'boolean' },
    dir: { type: 'string', shortFlag: 'd' },
    // The word after --worktree is its name only when it looks like one (a prompt has spaces).
    worktree: { type: 'string', optionalValue: WORKTREE_NAME },
    base: { type: 'string' },
    agent: { type: 'string' },
    budget: { type: 'string' },
    exclusiveFiles: { type: 'boolean' },
    auto: { type: 'boolean' },
    stripAnsi: { type: 'boolean' },
    dryRun: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
