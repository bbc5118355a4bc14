import { describe, expect, it } from 'vitest';
import type { ProcessRunner, RunResult } from '../../src/engine/process/runner.js';
import { openSplitWindow, respawnSplitPane } from '../../src/engine/tmux/split-window.js';
import { Tmux } from '../../src/engine/tmux/tmux.js';

/** The split's tmux calls over a fake runner: one invocation builds the whole grid. */
function fake(answers: RunResult[]): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run(argv) {
      calls.push([...argv]);
      return Promise.resolve(answers.shift() ?? { code: 0, stdout: '', stderr: '' });
    },
  };
}

describe('split window argv', () => {
  it('2x2: new-session, three split-windows, the tiled layout and labels in ONE call', async () => {
    const runner = fake([{ code: 0, stdout: '%1\n%2\n%3\n%4\n', stderr: '' }]);
    const viewer = (id: string) => [
      'env',
      '-u',
      'TMUX',
      'tmux',
      'attach-session',
      '-r',
      '-t',
      `=cc-agent-${id}`,
    ];
    const panes = await openSplitWindow(new Tmux(runner, 'sock'), {
      layout: '2x2',
      panes: ['a', 'b', 'c', 'd'].map((id) => ({ jobId: id, viewer: viewer(id) })),
      width: 150,
      height: 40,
      restore: 'a=200x50:',
    });
    expect(panes.map((p) => [p.paneId, p.jobId])).toEqual([
      ['%1', 'a'],
      ['%2', 'b'],
      ['%3', 'c'],
      ['%4', 'd'],
    ]);
    const [build, label] = runner.calls;
    const words = (build ?? []).join(' ');
    expect(build?.slice(0, 3)).toEqual(['tmux', '-L', 'sock']);
    expect(words.match(/split-window/g)).toHaveLength(3);
    expect(words).toContain(
      'new-session -d -P -F #{pane_id} -s cc-agent-split -x 150 -y 40 -- env -u TMUX tmux attach-session -r -t =cc-agent-a',
    );
    expect(words).toContain('select-layout -t =cc-agent-split: tiled');
    expect(words).toContain('@cc-agent-restore a=200x50:');
    expect(label?.join(' ')).toContain('set-option -p -t %4 @cc-agent-job d');
  });
  it('a failed build is one clear error', async () => {
    const runner = fake([{ code: 1, stdout: '', stderr: 'no space for new pane\n' }]);
    await expect(
      openSplitWindow(new Tmux(runner, 'sock'), {
        layout: '1x1',
        panes: [{ jobId: 'a', viewer: ['x'] }],
        width: 10,
        height: 5,
        restore: '',
      }),
    ).rejects.toThrow('tmux new-session (split) failed: no space for new pane');
  });
  it('typing on purpose: the viewer respawned, marked, and the pane selected', async () => {
    const runner = fake([]);
    await respawnSplitPane(
      new Tmux(runner, undefined),
      '%2',
      ['env', 'tmux', 'attach-session', '-t', '=s'],
      true,
    );
    expect(runner.calls[0]?.join(' ')).toBe(
      'tmux respawn-pane -k -t %2 -- env tmux attach-session -t =s ; set-option -p -t %2 @cc-agent-typing 1 ; select-pane -t %2',
    );
  });
});
