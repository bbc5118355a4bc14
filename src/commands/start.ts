import { BACKENDS, EFFORTS, SANDBOXES, WORKTREE_NAME } from '../engine/index.js';
import { textArg } from './args.js';
import { json, modelLabel } from '../view/format.js';
import type { Command } from './types.js';

const USAGE = 'start "prompt" [options]';
export const start: Command = {
  usage: USAGE,
  summary: 'Start an agent in its own tmux session (cc-agent-<id>).',
  text: { what: 'prompt' },
  help: `Options:
  -m, --model <name>        model or alias (claude default: opus; -r low alone means sonnet)
  -r, --reasoning <level>   ${EFFORTS.join(' | ')} (default xhigh)
  -s, --sandbox <mode>      ${SANDBOXES.join(' | ')} (default workspace-write)
  -f, --file <glob>         inject matching files into the prompt (repeatable)
      --map                 inject docs/CODEBASE_MAP.md
  -d, --dir <path>          working directory (default: here)
      --worktree [name]     run in a new git worktree on branch cc-agent/<id>
                            (<repo>/.cc-agent/worktrees/<name>, name defaults to the id)
      --base <ref>          what the worktree branches from (default HEAD)
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
    stripAnsi: { type: 'boolean' },
    dryRun: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(io) {
    const f = io.flags as {
      model?: string;
      reasoning?: string;
      sandbox?: string;
      file?: string[];
      map?: boolean;
      dir?: string;
      worktree?: string;
      base?: string;
      agent?: string;
      stripAnsi?: boolean;
      dryRun?: boolean;
      json?: boolean;
    };
    const prompt = await textArg(io, 0, 'prompt', USAGE);
    const options = {
      prompt,
      agent: f.agent,
      model: f.model,
      reasoning: f.reasoning,
      sandbox: f.sandbox,
      dir: f.dir,
      files: f.file ?? [],
      map: f.map,
      stripAnsi: f.stripAnsi,
      cwd: io.cwd,
      // An agent cc-agent started (the orchestrator) starting a worker: remember whose it is.
      parent: io.env['CC_AGENT_JOB_ID'] || undefined,
      // `--worktree` alone is '': a worktree named after the job.
      worktree: f.worktree === undefined ? undefined : f.worktree || true,
      base: f.base,
    };
    const engine = io.engine();
    if (f.dryRun) {
      const plan = await engine.plan(options);
      if (!plan.installed) io.err(`warning: ${plan.argv[0]} is not installed; 'start' would fail`);
      if (f.json) {
        io.out(
          json({
            dir: plan.dir,
            argv: plan.argv,
            env: plan.env,
            delivery: plan.delivery,
            prompt: plan.prompt,
          }),
        );
        return 0;
      }
      const shown = plan.delivery === 'argv' ? plan.argv.slice(0, -1) : plan.argv;
      io.out(`# dir: ${plan.dir}`);
      const w = plan.worktree?.worktree;
      // Planned with the id "dry-run": the real one names the branch (and, unnamed, the folder).
      if (w) io.out(`# worktree: made at start, branch ${w.branch} from ${w.baseRef}`);
      io.out(
        `# argv (${plan.argv.length} elements; the prompt is ${plan.delivery === 'argv' ? 'the last element' : 'pasted once the agent is ready'}):`,
      );
      io.out(json(shown));
      io.out(`# prompt (${Buffer.byteLength(plan.prompt)} bytes):`);
      io.out(plan.prompt);
      return 0;
    }
    const job = await engine.start(options);
    if (f.json) {
      io.out(json(job));
      return 0;
    }
    io.out(`${job.id}`);
    io.err(
      `started ${job.backend} ${modelLabel(job)} (${job.sandbox}) in ${job.dir} — ` +
        `watch: cc-agent capture ${job.id} · attach: cc-agent attach ${job.id}`,
    );
    return 0;
  },
};
