import { describe, expect, it } from 'vitest';
import { CcAgentError } from '../../src/engine/errors.js';
import {
  SpawnError,
  realRunner,
  type ProcessRunner,
  type RunOptions,
  type RunResult,
} from '../../src/engine/process/runner.js';
import { shellQuote } from '../../src/engine/tmux/shell-quote.js';
import { Tmux } from '../../src/engine/tmux/tmux.js';

interface Call {
  argv: string[];
  input: string | Buffer | undefined;
}

/** The runner port, faked: records every argv and answers from a script (default: exit 0). */
function fakeRunner(answers: (RunResult | Error)[] = []): ProcessRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
      calls.push({ argv: [...argv], input: options.input });
      const next = answers.shift() ?? { code: 0, stdout: '', stderr: '' };
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });

describe('Tmux over a fake runner: exact argv', () => {
  it('startSession is ONE invocation: new-session with env and argv, remain-on-exit, pipe-pane', async () => {
    const runner = fakeRunner();
    const tmux = new Tmux(runner, 'cc-test');
    const log = "/tmp/a dir/it's.log";
    await tmux.startSession({
      name: 'cc-agent-0badcafe',
      cwd: '/work/some dir',
      argv: ['/bin/sh', '/opt/run-agent.sh', '/x.exit', '', 'claude', '--model', 'opus'],
      env: { CC_AGENT_JOB_ID: '0badcafe', PATH: '/usr/bin:/bin' },
      logFile: log,
    });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.argv).toEqual([
      'tmux',
      '-L',
      'cc-test',
      'new-session',
      '-d',
      '-s',
      'cc-agent-0badcafe',
      '-c',
      '/work/some dir',
      '-x',
      '200',
      '-y',
      '50',
      '-e',
      'CC_AGENT_JOB_ID=0badcafe',
      '-e',
      'PATH=/usr/bin:/bin',
      '--',
      '/bin/sh',
      '/opt/run-agent.sh',
      '/x.exit',
      '',
      'claude',
      '--model',
      'opus',
      ';',
      'set-option',
      '-t',
      '=cc-agent-0badcafe:',
      'remain-on-exit',
      'on',
      ';',
      'pipe-pane',
      '-t',
      '=cc-agent-0badcafe:',
      '-o',
      `umask 077; exec cat >> '/tmp/a dir/it'\\''s.log'`,
    ]);
  });

  it('startSession honours an explicit size', async () => {
    const runner = fakeRunner();
    await new Tmux(runner, undefined).startSession({
      name: 's',
      cwd: '/',
      argv: ['a', 'b'],
      env: {},
      logFile: '/l',
      width: 80,
      height: 24,
    });
    const argv = runner.calls[0]?.argv ?? [];
    expect(argv.slice(0, 12)).toEqual([
      'tmux',
      'new-session',
      '-d',
      '-s',
      's',
      '-c',
      '/',
      '-x',
      '80',
      '-y',
      '24',
      '--',
    ]);
  });

  it('the pipe-pane command is a shell word sh reads back as the exact path', async () => {
    const path = "/tmp/a dir/it's $(x) `y`.log";
    const r = await realRunner.run(['sh', '-c', `printf %s ${shellQuote(path)}`]);
    expect(r.stdout).toBe(path);
  });

  it('paste loads the buffer from stdin and pastes it bracketed; the text is never argv', async () => {
    const runner = fakeRunner();
    const text = '-x "quoted" $(rm -rf /) Enter\nline two';
    await new Tmux(runner, 'cc-test').paste('cc-agent-1', text, 'buf-1');
    expect(runner.calls).toEqual([
      {
        argv: [
          'tmux',
          '-L',
          'cc-test',
          'load-buffer',
          '-b',
          'buf-1',
          '-',
          ';',
          'paste-buffer',
          '-p',
          '-d',
          '-b',
          'buf-1',
          '-t',
          '=cc-agent-1:',
        ],
        input: text,
      },
    ]);
  });

  it('typeLiteral sends -l -- text; sendKeys sends key names', async () => {
    const runner = fakeRunner();
    const tmux = new Tmux(runner, 'cc-test');
    await tmux.typeLiteral('cc-agent-1', '-/clear');
    await tmux.sendKeys('cc-agent-1', 'C-u', 'Enter');
    expect(runner.calls.map((c) => c.argv)).toEqual([
      ['tmux', '-L', 'cc-test', 'send-keys', '-t', '=cc-agent-1:', '-l', '--', '-/clear'],
      ['tmux', '-L', 'cc-test', 'send-keys', '-t', '=cc-agent-1:', 'C-u', 'Enter'],
    ]);
  });

  it('a socket name uses -L, a socket path -S, none uses the default server', async () => {
    const runner = fakeRunner();
    await new Tmux(runner, 'name').hasSession('s');
    await new Tmux(runner, '/tmp/dir/sock').hasSession('s');
    await new Tmux(runner, undefined).hasSession('s');
    expect(runner.calls.map((c) => c.argv)).toEqual([
      ['tmux', '-L', 'name', 'has-session', '-t', '=s'],
      ['tmux', '-S', '/tmp/dir/sock', 'has-session', '-t', '=s'],
      ['tmux', 'has-session', '-t', '=s'],
    ]);
    expect(new Tmux(runner, '/tmp/x').commandLine('attach-session', '-t', '=s')).toEqual([
      'tmux',
      '-S',
      '/tmp/x',
      'attach-session',
      '-t',
      '=s',
    ]);
  });

  it('terminal input goes byte-exact: text literally, control bytes and escapes as hex', async () => {
    const runner = fakeRunner([ok()]);
    await new Tmux(runner, 'k').input('cc-agent-1', 'ls -la;\r\x1b[A✓ $(x)\x7f');
    expect(runner.calls[0]?.argv.slice(3)).toEqual([
      'send-keys',
      '-t',
      '=cc-agent-1:',
      '-l',
      '--',
      'ls -la\\;',
      ';',
      'send-keys',
      '-t',
      '=cc-agent-1:',
      '-H',
      'd',
      '1b',
      ';',
      'send-keys',
      '-t',
      '=cc-agent-1:',
      '-l',
      '--',
      '[A✓ $(x)',
      ';',
      'send-keys',
      '-t',
      '=cc-agent-1:',
      '-H',
      '7f',
    ]);
  });

  it('session targets are exact (=name), pane targets =name:', async () => {
    const runner = fakeRunner([ok(), ok('cc-agent-1\t1\t120\t40\t42\t3\n'), ok('screen\n')]);
    const tmux = new Tmux(runner, 'k');
    expect(await tmux.killSession('cc-agent-1')).toBe(true);
    expect(await tmux.paneState('cc-agent-1')).toEqual({
      dead: true,
      exitStatus: 3,
      pid: 42,
      cols: 120,
      rows: 40,
    });
    expect(await tmux.capture('cc-agent-1', { history: 30, escapes: true })).toBe('screen\n');
    expect(runner.calls.map((c) => c.argv.slice(3))).toEqual([
      ['kill-session', '-t', '=cc-agent-1'],
      [
        'display-message',
        '-p',
        '-t',
        '=cc-agent-1:',
        '#{session_name}\t#{pane_dead}\t#{pane_width}\t#{pane_height}\t#{pane_pid}\t#{pane_dead_status}',
      ],
      ['capture-pane', '-p', '-t', '=cc-agent-1:', '-e', '-S', '-30'],
    ]);
  });

  it('paneState: a target naming no session is missing, though tmux 3.3 answers it with status 0', async () => {
    // What tmux 3.3 prints for `display-message -p -t =gone:` while other sessions live.
    const runner = fakeRunner([ok('\t\t\t\t\t\n')]);
    expect(await new Tmux(runner, 'k').paneState('cc-agent-gone')).toBeUndefined();
  });

  it('hasSession and killSession turn a non-zero exit into false, not an error', async () => {
    const fail: RunResult = { code: 1, stdout: '', stderr: "can't find session" };
    const tmux = new Tmux(fakeRunner([fail, fail]), 'k');
    expect(await tmux.hasSession('x')).toBe(false);
    expect(await tmux.killSession('x')).toBe(false);
  });

  it('listPanes parses one line per pane, first pane of a session wins', async () => {
    const out = 'a\t0\t\t100\na\t1\t0\t101\nb\t1\t2\t200\n';
    const runner = fakeRunner([ok(out)]);
    const panes = await new Tmux(runner, 'k').listPanes();
    expect(runner.calls[0]?.argv).toEqual([
      'tmux',
      '-L',
      'k',
      'list-panes',
      '-a',
      '-F',
      '#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_pid}',
    ]);
    expect(panes).toEqual(
      new Map([
        ['a', { dead: false, exitStatus: undefined, pid: 100 }],
        ['b', { dead: true, exitStatus: 2, pid: 200 }],
      ]),
    );
  });

  it('listPanes/listSessions with no server: empty', async () => {
    const none: RunResult = { code: 1, stdout: '', stderr: 'no server running on /tmp/x' };
    const tmux = new Tmux(fakeRunner([none, none]), 'k');
    expect(await tmux.listPanes()).toEqual(new Map());
    expect(await tmux.listSessions()).toEqual(new Set());
  });

  it('listPanes after some other tmux failure: undefined (nothing can be concluded)', async () => {
    const odd: RunResult = { code: 1, stdout: '', stderr: 'server exited unexpectedly' };
    expect(await new Tmux(fakeRunner([odd]), 'k').listPanes()).toBeUndefined();
  });

  it('a failing command becomes CcAgentError tmux_failed with the first stderr line', async () => {
    const runner = fakeRunner([
      { code: 1, stdout: '', stderr: 'duplicate session: cc-agent-1\nmore\n' },
    ]);
    const err = await new Tmux(runner, 'k')
      .startSession({ name: 'cc-agent-1', cwd: '/', argv: ['a', 'b'], env: {}, logFile: '/l' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CcAgentError);
    expect((err as CcAgentError).code).toBe('tmux_failed');
    expect((err as CcAgentError).message).toBe(
      'tmux new-session failed: duplicate session: cc-agent-1',
    );
  });

  it('SpawnError ENOENT from the runner becomes CcAgentError tmux_missing', async () => {
    const runner = fakeRunner([new SpawnError('tmux', 'ENOENT')]);
    const err = await new Tmux(runner, 'k').hasSession('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CcAgentError);
    expect((err as CcAgentError).code).toBe('tmux_missing');
    expect((err as CcAgentError).message).toContain('ENOENT');
  });

  it('a real runner on a missing program raises tmux_missing too', async () => {
    const tmux = new Tmux(realRunner, 'k', '/nonexistent/cc-agent-no-tmux');
    const err = await tmux.version().catch((e: unknown) => e);
    expect((err as CcAgentError).code).toBe('tmux_missing');
  });

  it('other runner errors pass through unchanged', async () => {
    const boom = new Error('boom');
    const err = await new Tmux(fakeRunner([boom]), 'k').hasSession('x').catch((e: unknown) => e);
    expect(err).toBe(boom);
  });
});
