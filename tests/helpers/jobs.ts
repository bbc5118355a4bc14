import type { HookEventRecord, Job } from '../../src/engine/index.js';
import type { Harness } from './cli-harness.js';
import { waitFor } from './wait-for.js';

/** At its prompt: Claude Code's footer (shortcuts hint or permission mode), no "esc to interrupt". */
export const READY =
  /^(?![\s\S]*esc to interrupt)[\s\S]*(\? for shortcuts|\(shift\+tab to cycle\))/;

export async function jobJson(h: Harness, id: string): Promise<Job> {
  return JSON.parse(await h.ok(['status', id, '--json'])) as Job;
}

export async function startDemo(h: Harness, prompt: string, extra: string[] = []): Promise<string> {
  return h.ok(['start', '--agent', 'demo', ...extra, '--', prompt]);
}

/** Wait until the agent's screen shows `text` (its readiness signal as a user would see it). */
export async function waitForScreen(
  h: Harness,
  id: string,
  text: string | RegExp,
): Promise<string> {
  return waitFor(
    async () => {
      const r = await h.cli(['capture', id, '200']);
      const hit = typeof text === 'string' ? r.stdout.includes(text) : text.test(r.stdout);
      return hit ? r.stdout : undefined;
    },
    `job ${id} to show ${String(text)}`,
  );
}

export async function waitForStatus(h: Harness, id: string, status: Job['status']): Promise<Job> {
  return waitFor(async () => {
    const j = await jobJson(h, id);
    return j.status === status ? j : undefined;
  }, `job ${id} to become ${status}`);
}

/** A job's hook events, oldest first, as `cc-agent events --json` prints them. */
export async function eventsOf(h: Harness, id: string, limit = 1000): Promise<HookEventRecord[]> {
  return (await h.ok(['events', '--job', id, '--json', '--limit', String(limit)]))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as HookEventRecord);
}

/** The simulated agent's turn is over (waiting for the user) and its last words were `said`. */
export async function turnDone(h: Harness, id: string, said: string): Promise<Job> {
  return waitFor(async () => {
    const j = await jobJson(h, id);
    return j.activity === 'waiting' && j.summary === said ? j : undefined;
  }, `job ${id} to finish its turn with "${said}"`);
}

/**
 * A hand-over, as the Pipeline marks it: a planner waiting at its prompt, and a worker started
 * from inside its session (CC_AGENT_JOB_ID names the planner, as the orchestrator's starts do)
 * that has finished.
 */
export async function startHandover(h: Harness): Promise<{ parent: string; child: string }> {
  const dir = h.tempDir('work');
  const parent = await startDemo(h, 'Plan the work [[say "planned"]]', ['-d', dir]);
  await waitFor(async () => {
    const j = await jobJson(h, parent);
    return j.activity === 'waiting' || j.activity === 'idle';
  }, 'the planner to wait');
  const child = await h.ok(
    ['start', '--agent', 'demo', '-d', dir, '--', 'Write notes [[work 1]] [[done "Wrote notes"]]'],
    { env: { CC_AGENT_JOB_ID: parent } },
  );
  await waitForStatus(h, child, 'completed');
  return { parent, child };
}

/**
 * A file conflict as two simulated agents make it through the real relay: `first` writes
 * notes.txt and waits at its prompt holding it, then `second` writes the same file.
 */
export async function startConflict(
  h: Harness,
): Promise<{ first: string; second: string; file: string }> {
  const dir = h.tempDir('conflict');
  const first = await startDemo(h, '[[write notes.txt "one"]] [[say "first wrote"]]', ['-d', dir]);
  await turnDone(h, first, 'first wrote');
  const second = await startDemo(h, '[[write notes.txt "two"]] [[say "second wrote"]]', [
    '-d',
    dir,
  ]);
  await turnDone(h, second, 'second wrote');
  return { first, second, file: `${dir}/notes.txt` };
}
