import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { cliStates, followEvents, storeStates, tuiStates, type States } from '../helpers/faces.js';
import { serveDetached } from '../helpers/serve.js';
import { startDemo } from '../helpers/jobs.js';
import { startTui, type TuiDriver } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Every face shows what the store holds (issue 14, item 2): a scripted run of simulated agents
 * (a worker, one that asks permission, the orchestrator working a queued task) goes step by
 * step through working, waiting, needs_permission and done; after each step the TUI's frame
 * (a real TUI in tmux, leading the pulse), the SSE stream of a separate `serve` and
 * `cc-agent jobs --json` must all say, for every job, what the store says.
 */
describe('every face agrees with the store', () => {
  let h: Harness;
  let tui: TuiDriver;
  let feed: ReturnType<typeof followEvents>;
  let dir: string;

  beforeAll(async () => {
    h = createHarness('faces');
    dir = h.tempDir('work');
    tui = startTui(h);
    // The TUI leads the pulse (it dispatches the orchestrator's tasks); serve stands by.
    await tui.waitFor('the TUI leading the pulse', (s) => s.includes('pulse on'));
    feed = followEvents(await serveDetached(h));
  });
  afterAll(() => {
    feed?.close();
    h?.cleanup();
  });

  /** Wait for the store to reach `want`, then for every face to show the store's states. */
  async function step(what: string, want: States): Promise<void> {
    let seen: States = {};
    const store = await waitFor(() => {
      seen = storeStates(h);
      return Object.entries(want).every(([id, st]) => seen[id] === st) ? seen : undefined;
    }, `the store: ${what}`).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\nstore: ${JSON.stringify(seen)}`);
    });
    const faces = async () => ({
      tui: tuiStates(tui.screen()),
      sse: feed.states(),
      cli: await cliStates(h),
    });
    let last: Awaited<ReturnType<typeof faces>> | undefined;
    await waitFor(
      async () => {
        last = await faces();
        const now = last;
        return Object.values(now).every(
          (f) => JSON.stringify(sorted(f)) === JSON.stringify(sorted(store)),
        );
      },
      `every face to agree with the store (${what})`,
      8000,
    ).catch((e: unknown) => {
      throw new Error(
        `${(e as Error).message}\nstore: ${JSON.stringify(sorted(store))}\n` +
          `faces: ${JSON.stringify(last && { tui: sorted(last.tui), sse: sorted(last.sse), cli: sorted(last.cli) })}\n--- screen ---\n${tui.screen()}`,
      );
    });
    // Nothing moved meanwhile: the faces agreed with the state this step reached.
    expect(storeStates(h)).toEqual(store);
  }

  const sorted = (s: States): States =>
    Object.fromEntries(Object.entries(s).sort(([a], [b]) => (a < b ? -1 : 1)));
  /** A file a scripted tool call waits for: the step ends when the test says so. */
  const gate = (name: string): string => join(dir, name);
  const open = (name: string): void => writeFileSync(gate(name), '');
  const waitOn = (name: string): string =>
    `[[bash "until [ -f ${gate(name)} ]; do sleep 0.05; done"]]`;

  it('agrees at every step from working to done', async () => {
    const worker = await startDemo(h, `${waitOn('g1')} [[say "first turn done"]]`, [
      '-d',
      dir,
      '-s',
      'danger-full-access',
    ]);
    await step('the worker working', { [worker]: 'working' });

    open('g1');
    await step('the worker waiting', { [worker]: 'waiting' });

    const asker = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9 || true"]] [[done "asker done"]]',
      ['-d', dir],
    );
    await step('the asker asking permission', { [asker]: 'needs_permission', [worker]: 'waiting' });

    await h.ok(['answer', asker, 'yes']);
    await step('the asker done', { [asker]: 'completed' });

    // The orchestrator: it starts, ends its first turn, then works a queued task that reports
    // itself done with `cc-agent queue done` (a commit from another process) just before Stop.
    await h.ok(['orchestrator', 'start', '--agent', 'demo', '-d', dir]);
    await step('the orchestrator waiting', { orch: 'waiting' });
    await h.ok([
      'queue',
      'add',
      `${waitOn('g2')} [[bash "cc-agent queue done --result ok"]] [[say "task done"]]`,
    ]);
    await step('the orchestrator working on its task', { orch: 'working' });
    open('g2');
    await step('the orchestrator waiting again', { orch: 'waiting' });

    await h.ok(['send', worker, '[[done "worker finished"]]']);
    await step('the worker done', { [worker]: 'completed', orch: 'waiting' });
  });
});
