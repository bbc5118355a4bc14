import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { activityLabel, elapsed, statusLabel, table } from './format.js';
import type { Command } from './types.js';

/** Four simulated agents with scripted work (directives: docs/demo-agent.md). */
const SCRIPTS: { title: string; prompt: string; sandbox: string }[] = [
  {
    title: 'Refactor the session store',
    prompt:
      'Refactor the session store\n[[say "Reading the code"]] [[read "README.md"]] [[work 6]] [[say "Refactor planned"]]',
    sandbox: 'workspace-write',
  },
  {
    title: 'Check the status page (asks permission)',
    prompt:
      'Check the status page\n[[say "I need the network"]] [[bash "curl -s --max-time 2 https://example.com/ || true"]] [[say "Status checked"]]',
    sandbox: 'workspace-write',
  },
  {
    title: 'Write unit tests (finishes with the done marker)',
    prompt:
      'Write unit tests\n[[work 3]] [[write "notes.md" "# Notes\\nall good\\n"]] [[done "Wrote notes.md"]]',
    sandbox: 'workspace-write',
  },
  {
    title: 'Migrate the database (crashes)',
    prompt: 'Migrate the database\n[[work 4]] [[exit 2]]',
    sandbox: 'workspace-write',
  },
];

export const demo: Command = {
  usage: 'demo [--seconds N]',
  summary: 'Start four simulated agents doing scripted work (no Claude Code or API key needed).',
  help: `Agents run in the same tmux server and store as real ones, so every command works on them:
cc-agent jobs, capture, send, attach, kill. Their workspace is $CC_AGENT_HOME/demo-workspace.

Options:
      --seconds <n>   how long to show the live job table (default 15; 0 = print once)`,
  flags: { seconds: { type: 'number' } },
  async run(io) {
    const engine = io.engine();
    const dir = join(engine.paths.home, 'demo-workspace');
    mkdirSync(dir, { recursive: true });
    const ids: string[] = [];
    for (const s of SCRIPTS) {
      const job = await engine.start({
        prompt: s.prompt,
        agent: 'demo',
        sandbox: s.sandbox,
        dir,
        cwd: io.cwd,
      });
      ids.push(job.id);
      io.out(`started ${job.id}  ${s.title}`);
    }
    const seconds = (io.flags['seconds'] as number | undefined) ?? 15;
    const live = process.stdout.isTTY && seconds > 0;
    const deadline = Date.now() + seconds * 1000;
    const render = async (): Promise<string> => {
      const jobs = (await engine.list()).filter((j) => ids.includes(j.id));
      return table(
        ['ID', 'STATUS', 'ACTIVITY', 'ELAPSED', 'TASK'],
        jobs.map((j) => [
          j.id,
          statusLabel(j),
          activityLabel(j).slice(0, 36),
          elapsed(j),
          j.promptPreview,
        ]),
      );
    };
    let shown = 0;
    do {
      const text = await render();
      if (live && shown > 0) process.stdout.write(`\x1b[${shown}A\x1b[J`);
      io.out(text);
      shown = text.split('\n').length;
      if (!live) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    io.out(`
Look closer:  cc-agent capture ${ids[1]}     (the agent waiting for permission)
              cc-agent attach ${ids[1]}      (answer it yourself: 1 = yes)
              cc-agent jobs · cc-agent output ${ids[2]} --strip-ansi
Tidy up:      cc-agent kill --completed && for id in ${ids.join(' ')}; do cc-agent kill $id; done`);
    return 0;
  },
};
