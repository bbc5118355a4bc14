import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startDemo, turnDone, waitForScreen } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The split on real tmux: four demo agents in a 2×2 window, each pane a read-only nested
 * client of its agent's session. What an agent prints after the split opened shows in its
 * pane; keys typed into a pane reach no agent unless typing was turned on for it; closing
 * kills the panes, not the agents, and gives each agent's window its size back.
 */
describe('split window (engine, real tmux)', () => {
  let h: Harness;
  let engine: Engine;
  const ids: string[] = [];
  const pane = (paneId: string): string => h.tmux(['capture-pane', '-p', '-t', paneId]).stdout;

  beforeAll(async () => {
    h = createHarness('split');
    for (const n of [1, 2, 3, 4]) ids.push(await startDemo(h, `Agent ${n} [[say "ready ${n}"]]`));
    for (const [i, id] of ids.entries()) await turnDone(h, id, `ready ${i + 1}`);
    engine = createEngine({ env: h.env });
  });
  afterAll(() => {
    engine?.close();
    h?.cleanup();
  });

  it('refuses a wrong count, an unknown layout and an agent twice, in one line each', async () => {
    await expect(engine.split.open({ layout: '2x2', jobIds: ids.slice(0, 3) })).rejects.toThrow(
      'layout 2x2 shows 4 agents; got 3',
    );
    await expect(engine.split.open({ layout: '3x3', jobIds: ids })).rejects.toThrow(
      "invalid layout '3x3' (expected one of: 1x1, 2x1, 2x2)",
    );
    await expect(
      engine.split.open({ layout: '2x1', jobIds: [ids[0] ?? '', ids[0] ?? ''] }),
    ).rejects.toThrow('is in the split twice');
    expect(await engine.split.state()).toBeNull();
  });

  it('2×2: four panes, each showing its agent live, read-only; closing keeps the agents', async () => {
    const before = h
      .tmux([
        'display-message',
        '-p',
        '-t',
        `=cc-agent-${ids[0]}:`,
        '#{window_width}x#{window_height}',
      ])
      .stdout.trim();
    const view = await engine.split.open({ layout: '2x2', jobIds: ids, cols: 150, rows: 40 });
    expect(view.panes.map((p) => p.jobId)).toEqual(ids);
    const layout = h
      .tmux([
        'list-panes',
        '-t',
        '=cc-agent-split:',
        '-F',
        '#{pane_left},#{pane_top} #{pane_width}x#{pane_height} #{@cc-agent-job}',
      ])
      .stdout.trim()
      .split('\n');
    expect(layout).toHaveLength(4);
    // Row-major grid: two columns, two rows, each about a quarter of 150×40.
    expect(new Set(layout.map((l) => l.split(' ')[0]?.split(',')[0])).size).toBe(2);
    expect(new Set(layout.map((l) => l.split(' ')[0]?.split(',')[1])).size).toBe(2);
    expect(layout.map((l) => l.split(' ')[2])).toEqual(ids);
    expect((await engine.split.state())?.panes.map((p) => p.jobId)).toEqual(ids);

    // Live: what each agent says after the split opened shows in its own pane.
    for (const [i, id] of ids.entries()) await h.ok(['send', id, `[[say "after split ${i + 1}"]]`]);
    for (const [i, p] of view.panes.entries()) {
      await waitFor(
        () => pane(p.paneId).includes(`after split ${i + 1}`),
        `pane ${i + 1} to show its agent`,
      );
      // The agent draws for the pane it is watched in: its window took the pane's width.
      const w = h.tmux(['display-message', '-p', '-t', p.paneId, '#{pane_width}']).stdout.trim();
      const aw = h
        .tmux(['display-message', '-p', '-t', `=cc-agent-${ids[i]}:`, '#{window_width}'])
        .stdout.trim();
      expect(aw).toBe(w);
    }

    // Read-only: typed into a pane, keys reach no agent.
    const first = view.panes[0]?.paneId ?? '';
    h.tmux(['send-keys', '-t', first, '-l', 'SECRETKEYS']);
    h.tmux(['send-keys', '-t', first, 'Enter']);
    await h.ok(['send', ids[0] ?? '', '[[say "still here"]]']);
    await waitFor(() => pane(first).includes('still here'), 'the first agent to answer');
    const screen = await h.ok(['capture', ids[0] ?? '', '200']);
    expect(screen).not.toContain('SECRETKEYS');

    // On purpose: typing turned on for one pane, its keys reach that agent.
    await engine.split.type(ids[1] ?? '', true);
    expect((await engine.split.state())?.panes[1]?.typing).toBe(true);
    const second = view.panes[1]?.paneId ?? '';
    await waitFor(() => pane(second).includes('after split 2'), 'the typing pane to redraw');
    h.tmux(['send-keys', '-t', second, '-l', 'typed on purpose']);
    await waitForScreen(h, ids[1] ?? '', 'typed on purpose');
    await engine.split.type(ids[1] ?? '', false);
    expect((await engine.split.state())?.panes[1]?.typing).toBe(false);

    // Close: the split's panes are gone, every agent still runs, at its old size.
    expect(await engine.split.close()).toBe(true);
    expect(h.tmux(['has-session', '-t', '=cc-agent-split']).code).not.toBe(0);
    expect(await engine.split.state()).toBeNull();
    for (const id of ids) expect(h.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    const after = h
      .tmux([
        'display-message',
        '-p',
        '-t',
        `=cc-agent-${ids[0]}:`,
        '#{window_width}x#{window_height}',
      ])
      .stdout.trim();
    expect(after).toBe(before);
    expect(
      h
        .tmux(['show-options', '-w', '-v', '-t', `=cc-agent-${ids[0]}:`, 'window-size'])
        .stdout.trim(),
    ).toBe('');
    expect(await engine.split.close()).toBe(false);
  });

  it('2×1 side by side, and a new split replaces the open one', async () => {
    await engine.split.open({ layout: '1x1', jobIds: [ids[3] ?? ''] });
    const view = await engine.split.open({
      layout: '2x1',
      jobIds: [ids[2] ?? '', ids[3] ?? ''],
      cols: 120,
      rows: 30,
    });
    const panes = h
      .tmux(['list-panes', '-t', '=cc-agent-split:', '-F', '#{pane_top} #{pane_height}'])
      .stdout.trim()
      .split('\n');
    expect(panes).toHaveLength(2);
    expect(new Set(panes).size).toBe(1);
    expect(view.layout).toBe('2x1');
    await engine.split.close();
  });
});
