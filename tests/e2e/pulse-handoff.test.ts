import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PulseStatus, Task } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { serveDetached } from '../helpers/serve.js';
import { startTui, type TuiDriver } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Quitting the face that leads the pulse does not stop the autonomy (issue 14, item 3): when
 * the TUI or `serve` goes while the orchestrator, enabled triggers or queued tasks are left, a
 * detached pulse takes over and the user is told what goes on and how to stop it; with
 * nothing to lead, nothing is started.
 */
describe('the pulse outlives the face that led it', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    // The detached pulse is stopped the documented way (cleanup kills whatever is left).
    if (h && existsSync(join(h.home, 'pulse.pid'))) await h.cli(['pulse', 'stop']);
    h?.cleanup();
    h = undefined;
  });

  const pulse = async (w: Harness): Promise<PulseStatus> =>
    JSON.parse(await w.ok(['pulse', 'status', '--json'])) as PulseStatus;
  const task = async (w: Harness, id: string): Promise<Task | undefined> =>
    (JSON.parse(await w.ok(['queue', 'list', '--json'])) as Task[]).find((t) => t.id === id);

  /** Quit the TUI with q; its pane stays (remain-on-exit) so what it printed can be read. */
  async function quit(w: Harness, tui: TuiDriver): Promise<string> {
    w.tmux(['set-option', '-w', '-t', '=ui:', 'remain-on-exit', 'on']);
    tui.keys('q');
    await waitFor(
      () => w.tmux(['display-message', '-p', '-t', '=ui:', '#{pane_dead}']).stdout.trim() === '1',
      'the TUI to exit',
    );
    // With its history: the line may have scrolled above the dead pane's last screen.
    return w.tmux(['capture-pane', '-p', '-S', '-', '-t', '=ui:']).stdout;
  }

  it('q in the TUI hands a pending task and the orchestrator to a detached pulse', async () => {
    const w = (h = createHarness('handoff-tui'));
    const dir = w.tempDir('work');
    const gate = join(dir, 'gate');
    const tui = startTui(w);
    await tui.waitFor('the TUI leading the pulse', (s) => s.includes('pulse on'));
    await w.ok(['orchestrator', 'start', '--agent', 'demo', '-d', dir]);
    expect((await pulse(w)).pid).toBeNull(); // the TUI leads: no background pulse yet
    await waitFor(async () => {
      const o = JSON.parse(await w.ok(['orchestrator', 'status', '--json'])) as {
        job: { activity: string | null } | null;
      };
      return o.job?.activity === 'waiting';
    }, 'the orchestrator to end its first turn');
    // Busy until the test says so: the task queued now waits for its turn to end.
    await w.ok([
      'orchestrator',
      'inject',
      `[[bash "until [ -f ${gate} ]; do sleep 0.05; done"]] [[say "gate open"]]`,
    ]);
    const id = await w.ok([
      'queue',
      'add',
      '[[bash "cc-agent queue done --result handed-over"]] [[say "task done"]]',
    ]);
    expect((await task(w, id))?.status).toBe('pending');

    const screen = await quit(w, tui);
    const status = await pulse(w);
    expect(status.pid, screen).not.toBeNull();
    expect(screen).toContain(
      `the pulse goes on in the background (pid ${status.pid}): 1 queued task, the orchestrator; stop it with cc-agent pulse stop`,
    );
    // The orchestrator's turn ends; the detached pulse hands it the task, which it reports done.
    writeFileSync(gate, '');
    const done = await waitFor(async () => {
      const t = await task(w, id);
      return t?.status === 'done' ? t : undefined;
    }, 'the detached pulse to dispatch the task, and the orchestrator to finish it');
    expect(done.result).toBe('handed-over');
  });

  it('q in the TUI with nothing to lead starts no pulse and says nothing', async () => {
    const w = (h = createHarness('handoff-none'));
    const tui = startTui(w);
    await tui.waitFor('the TUI leading the pulse', (s) => s.includes('pulse on'));
    const screen = await quit(w, tui);
    expect(screen).not.toContain('the pulse goes on');
    expect(await pulse(w)).toMatchObject({ pid: null, leader: null });
  });

  it('serve stop hands what serve led to a detached pulse, and says so', async () => {
    const w = (h = createHarness('handoff-serve'));
    await serveDetached(w);
    await w.ok([
      'trigger',
      'add',
      'nightly',
      'cron',
      '0 3 * * *',
      'notify',
      '--payload',
      '{"message":"wake up"}',
    ]);
    await w.ok(['queue', 'add', 'for later']);
    await w.ok(['queue', 'add', 'and this']);
    const out = await w.ok(['serve', 'stop']);
    const status = await pulse(w);
    expect(status.pid).not.toBeNull();
    expect(out).toContain(
      `the pulse goes on in the background (pid ${status.pid}): 2 queued tasks, 1 trigger; stop it with cc-agent pulse stop`,
    );
    await waitFor(async () => (await pulse(w)).leader?.includes(`:${status.pid}:`), 'it to lead');
  });

  it('serve stop with nothing to lead starts no pulse', async () => {
    const w = (h = createHarness('handoff-serve-none'));
    await serveDetached(w);
    const out = await w.ok(['serve', 'stop']);
    expect(out).toMatch(/^stopped \(pid \d+\)$/);
    expect((await pulse(w)).pid).toBeNull();
  });
});
