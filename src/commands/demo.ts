import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Engine } from '../engine/index.js';
import { activityLabel, elapsed, statusLabel, table } from '../view/format.js';
import { startDetachedPulse } from './pulse.js';
import { taskLabel } from '../view/task-label.js';
import { openTui } from './tui.js';
import * as c from './contracts/setup.js';
import { defineCommand, type Io } from './types.js';

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

/** Three tasks for the simulated orchestrator: each reports itself done with cc-agent. */
const TASKS: { prompt: string; priority: number }[] = [
  {
    prompt:
      'Audit the error handling\n[[say "Starting a worker for the audit"]] [[bash "cc-agent start --agent demo \'Audit errors [[work 4]] [[done \\"3 issues found\\"]]\'"]] [[bash "cc-agent queue done --result \'worker started\'"]]',
    priority: 10,
  },
  {
    prompt:
      'Update the changelog\n[[work 3]] [[write "CHANGELOG.md" "## 0.2.0\\n- faster\\n"]] [[bash "cc-agent queue done --result \'changelog updated\'"]]',
    priority: 5,
  },
  {
    prompt:
      'Summarise open questions\n[[work 2]] [[say "Two questions for the team"]] [[bash "cc-agent queue done --result \'2 questions\'"]]',
    priority: 1,
  },
];

const TRIGGER = 'demo-review';
const DEMO_SESSION = 'cc-agent-demo';

/**
 * The demo world: four agents, a simulated orchestrator with three tasks, a confirm trigger.
 * The agents start once `ready` resolves.
 */
async function setUp(
  io: Io,
  engine: Engine,
  dir: string,
  ready?: () => Promise<void>,
): Promise<string[]> {
  // A confirm trigger: when work is queued it asks before it notifies (Approvals panel).
  if (engine.triggers.list().some((t) => t.name === TRIGGER)) engine.triggers.remove(TRIGGER);
  engine.triggers.add({
    name: TRIGGER,
    kind: 'threshold',
    condition: 'queue_depth >= 1',
    action: 'notify',
    payload: JSON.stringify({ message: 'Work is queued: time for a review round?' }),
    autonomy: 'confirm',
    cooldown: 600,
  });
  const queued = TASKS.map(
    (t) => `queued ${engine.queue.add(t.prompt, t.priority).id}  ${t.prompt.split('\n')[0]}`,
  );
  await engine.refresh();
  const orchRunning = (await engine.orchestrator.status()).state === 'running';
  await ready?.();
  // Every agent at once: each start waits on tmux.
  const [jobs] = await Promise.all([
    Promise.all(
      SCRIPTS.map((s) =>
        engine.start({ prompt: s.prompt, agent: 'demo', sandbox: s.sandbox, dir, cwd: io.cwd }),
      ),
    ),
    orchRunning ? undefined : engine.orchestrator.start({ agent: 'demo', dir, cwd: io.cwd }),
  ]);
  jobs.forEach((job, i) => io.out(`started ${job.id}  ${SCRIPTS[i]?.title ?? ''}`));
  for (const line of queued) io.out(line);
  io.out(
    orchRunning
      ? 'orchestrator already running'
      : 'started orch  the simulated orchestrator (works the queue)',
  );
  return jobs.map((j) => j.id);
}

/**
 * The TUI opens first, and the agents start once it is up: the first frame (the queue and the
 * trigger already in it) waits on no agent, nor shares the CPU with five of them booting; each
 * shows up in it as it starts. The sign that it is up is its engine taking the pulse lease, right
 * after its first frame (unless another process leads the pulse: then there is nothing to wait
 * for). What setting up prints would tear the TUI's screen: it is printed once the TUI is left.
 */
async function demoInTui(io: Io, engine: Engine, dir: string): Promise<number> {
  const lines: string[] = [];
  const ledBefore = engine.pulseStatus().leader !== null;
  let closed = false;
  const shown = openTui({ ...io, cwd: dir }, { session: DEMO_SESSION }).finally(() => {
    closed = true;
  });
  const tuiUp = async (): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!ledBefore && !closed && Date.now() < deadline && !engine.pulseStatus().leader) {
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await setUp({ ...io, out: (line) => lines.push(line) }, engine, dir, tuiUp);
  } catch (e) {
    // Close the TUI again so the error is seen now, not when the user quits.
    const [bin, ...args] = engine.tmuxArgv('kill-session', '-t', `=${DEMO_SESSION}`);
    if (bin) spawnSync(bin, args, { stdio: 'ignore' });
    await shown.catch(() => 1);
    throw e;
  }
  const code = await shown;
  for (const line of lines) io.out(line);
  return code;
}

export const demo = defineCommand(c.demo, async (io) => {
  const engine = io.engine();
  const dir = engine.paths.demoWorkspace;
  mkdirSync(dir, { recursive: true });
  const terminal = process.stdout.isTTY && process.stdin.isTTY;
  if (io.flags.tui !== false && terminal) return demoInTui(io, engine, dir);
  const ids = await setUp(io, engine, dir);
  // No TUI to lead the pulse: the background one feeds the orchestrator.
  if (!engine.pulseStatus().leader)
    io.out(`pulse started (pid ${await startDetachedPulse(io, engine)})`);
  const { seconds } = io.flags;
  const live = process.stdout.isTTY && seconds > 0;
  const deadline = Date.now() + seconds * 1000;
  const render = async (): Promise<string> => {
    await engine.refresh();
    const jobs = (await engine.list()).filter((j) => ids.includes(j.id) || j.id === 'orch');
    return table(
      ['ID', 'STATUS', 'ACTIVITY', 'ELAPSED', 'TASK'],
      jobs.map((j) => [
        j.id,
        statusLabel(j),
        activityLabel(j).slice(0, 36),
        elapsed(j),
        taskLabel(j),
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
The whole picture:  cc-agent tui          (every agent, the queue, approvals; ? for keys)
Look closer:        cc-agent capture ${ids[1]}     (the agent waiting for permission)
                    cc-agent approvals list   (the trigger waiting for you)
                    cc-agent orchestrator status · cc-agent queue list
Tidy up:            cc-agent orchestrator stop; cc-agent pulse stop; cc-agent kill --completed`);
  return 0;
});
