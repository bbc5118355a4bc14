import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/keymap.js';
import { createHarness, repoRoot, type Harness } from '../helpers/cli-harness.js';
import { startDemo, turnDone } from '../helpers/jobs.js';
import { clientSessions, startTui, type TuiDriver } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

const splitKey = KEYMAP.find((b) => b.command === 'panel-split')?.keys[0] ?? '';

/**
 * The Split panel end to end at 150×40 on real tmux: choose the grid and the agents with the
 * panel's keys, open the split (the client moves to it: a pane per agent, live), come back
 * with tmux's prefix + L, close it (the agents go on).
 */
describe('cc-agent tui: the Split panel at 150×40', () => {
  let h: Harness;
  let tui: TuiDriver;
  let client: ChildProcess | undefined;
  const ids: string[] = [];
  const pane = (target: string): string => h.tmux(['capture-pane', '-p', '-t', target]).stdout;

  beforeAll(async () => {
    h = createHarness('tuisplit');
    for (const n of [1, 2, 3]) ids.push(await startDemo(h, `Agent ${n} [[say "ready ${n}"]]`));
    for (const [i, id] of ids.entries()) await turnDone(h, id, `ready ${i + 1}`);
    tui = startTui(h, { size: { x: 150, y: 40 } });
    await tui.waitFor('the agents', (s) => ids.every((id) => s.includes(id)));
    // A real client (150×40) so the split can be switched to, and prefix + L typed.
    const env: NodeJS.ProcessEnv = { ...h.env, TERM: 'xterm-256color' };
    delete env['TMUX'];
    const attach = `stty cols 150 rows 40; exec tmux -L ${h.socket} attach-session -t =ui`;
    client = spawn('script', ['-qfc', attach, '/dev/null'], {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    await waitFor(() => clientSessions(h).includes('ui'), 'a client attached to the TUI');
  });
  afterAll(() => {
    client?.kill();
    h?.cleanup();
  });

  it('picks a 2x1 grid and two agents, opens it live and read-only, closes it', async () => {
    tui.keys(splitKey);
    await tui.waitFor(
      'the Split panel',
      (s) => s.includes('no split open') && s.includes('Layout 2x2'),
    );
    tui.keys('L');
    await tui.waitFor('the 1x1 grid', (s) => s.includes('Layout 1x1'));
    tui.keys('L');
    await tui.waitFor('the 2x1 grid', (s) => s.includes('Layout 2x1'));
    // Pick the rows showing ids[0] and ids[2], wherever the list puts them.
    const screen = await tui.waitFor('the rows', (s) => s.includes('[ ]'));
    const rows = [...ids].sort((a, b) => screen.indexOf(a) - screen.indexOf(b));
    const down = (id: string): void => {
      tui.keys('g');
      for (let i = 0; i < rows.indexOf(id); i++) tui.keys('j');
    };
    down(ids[0] ?? '');
    tui.keys('Space');
    await tui.waitFor('the first pick', (s) => s.includes(`[1]`) && s.includes(`1 ${ids[0]}`));
    down(ids[2] ?? '');
    tui.keys('Space');
    const picked = await tui.waitFor(
      'both picks',
      (s) => s.includes(`2 ${ids[2]}`) && s.includes('2 of 2 picked'),
    );
    expect(picked).toContain(`[1]`);
    expect(picked).toContain(`[2]`);

    tui.keys('o');
    await waitFor(
      () => clientSessions(h).includes('cc-agent-split'),
      'the client to switch to the split',
    );
    const panes = h
      .tmux([
        'list-panes',
        '-t',
        '=cc-agent-split:',
        '-F',
        '#{pane_id} #{pane_left} #{pane_width}x#{pane_height} #{@cc-agent-job}',
      ])
      .stdout.trim()
      .split('\n');
    expect(panes.map((p) => p.split(' ')[3])).toEqual([ids[0], ids[2]]);
    // Side by side in the client's 150 columns.
    expect(Number(panes[1]?.split(' ')[1])).toBeGreaterThan(60);
    // Live: a line each agent prints now shows in its pane.
    await h.ok(['send', ids[0] ?? '', '[[say "left pane live"]]']);
    await h.ok(['send', ids[2] ?? '', '[[say "right pane live"]]']);
    const [left, right] = panes.map((p) => p.split(' ')[0] ?? '');
    await waitFor(
      () => pane(left ?? '').includes('left pane live'),
      'the left pane to show its agent',
    );
    await waitFor(
      () => pane(right ?? '').includes('right pane live'),
      'the right pane to show its agent',
    );
    // What the client shows, for docs/screens/split.txt: the panel, then both panes as drawn.
    writeFileSync(
      join(repoRoot, 'docs', 'screens', 'split.txt'),
      `${picked}\n--- tmux window cc-agent-split, left pane (${ids[0]}) ---\n${pane(left ?? '')}\n--- right pane (${ids[2]}) ---\n${pane(right ?? '')}`,
    );

    // The documented way back: tmux's prefix (C-b) then L.
    client?.stdin?.write('\x02L');
    await waitFor(() => clientSessions(h).includes('ui'), 'the client to come back to the TUI');
    await tui.waitFor('the split open', (s) => s.includes('open in tmux session cc-agent-split'));
    tui.keys('c');
    await tui.waitFor('the split closed', (s) => s.includes('split closed; the agents go on'));
    expect(h.tmux(['has-session', '-t', '=cc-agent-split']).code).not.toBe(0);
    for (const id of ids) expect(h.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
  });
});
