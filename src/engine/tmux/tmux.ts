import { CcAgentError } from '../errors.js';
import { SpawnError, type ProcessRunner, type RunResult } from '../process/runner.js';
import { inputCommands, inputPieces } from './input-chunks.js';
import { shellQuote } from './shell-quote.js';

export interface SessionSpec {
  name: string;
  cwd: string;
  /** The program and its arguments, exec'd by tmux directly (two or more words: no shell). */
  argv: readonly string[];
  env: Record<string, string>;
  logFile: string;
  width?: number;
  height?: number;
}

export interface PaneState {
  dead: boolean;
  exitStatus: number | undefined;
  pid: number | undefined;
  /** The pane's size, what the agent draws for (paneState only). */
  cols?: number;
  rows?: number;
}

/** What tmux says when there is no server (hence no session) on the socket. */
const NO_SERVER = /no server running|error connecting to|no such file or directory/i;

/** Exact-match targets: a bare name makes tmux fall back to prefix and glob matching. */
const sessionTarget = (name: string): string => `=${name}`;
const paneTarget = (name: string): string => `=${name}:`;

/**
 * tmux ends a command at ANY argv word ending in ';', not only at a lone ';'. A backslash before
 * that final ';' keeps it literal (tmux removes the backslash), so every word we pass gets one.
 */
export const tmuxWord = (word: string): string =>
  word.endsWith(';') ? `${word.slice(0, -1)}\\;` : word;

/** Several tmux commands run by one invocation, in order; their words are escaped one by one. */
export class Chain {
  readonly argv: string[];
  constructor(...commands: readonly (readonly string[])[]) {
    this.argv = commands.flatMap((c, i) => [...(i > 0 ? [';'] : []), ...c.map(tmuxWord)]);
  }
}

/**
 * Every tmux call cc-agent makes. Each is one argv through the runner port; several commands
 * are chained with ';' in one invocation where order matters (so tmux runs them atomically).
 */
export class Tmux {
  private readonly prefix: readonly string[];

  constructor(
    private readonly runner: ProcessRunner,
    readonly socket: string | undefined,
    private readonly program = 'tmux',
  ) {
    const socketArgs = !socket ? [] : socket.includes('/') ? ['-S', socket] : ['-L', socket];
    this.prefix = [program, ...socketArgs];
  }

  /** argv a human would type to reach the same server, for messages such as `attach`. */
  commandLine(...args: string[]): string[] {
    return [...this.prefix, ...args];
  }

  async exec(args: readonly string[] | Chain, input?: string | Buffer): Promise<RunResult> {
    const argv = args instanceof Chain ? args.argv : args.map(tmuxWord);
    try {
      return await this.runner.run([...this.prefix, ...argv], { input, timeoutMs: 15_000 });
    } catch (e) {
      if (e instanceof SpawnError) {
        throw new CcAgentError(
          'tmux_missing',
          `tmux is not installed or not on PATH (${e.errno}); install it, e.g. 'apt-get install tmux' or 'brew install tmux'`,
        );
      }
      throw e;
    }
  }

  private async must(
    args: readonly string[] | Chain,
    what: string,
    input?: string | Buffer,
  ): Promise<string> {
    const r = await this.exec(args, input);
    if (r.code !== 0) {
      throw new CcAgentError(
        'tmux_failed',
        `tmux ${what} failed: ${firstLine(r.stderr) || `exit ${r.code}`}`,
      );
    }
    return r.stdout;
  }

  async version(): Promise<string> {
    return (await this.must(['-V'], '-V')).trim();
  }

  /** Create the session, keep the pane after exit (for capture), and log output from byte 0. */
  async startSession(spec: SessionSpec): Promise<void> {
    const envArgs = Object.entries(spec.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    await this.must(
      new Chain(
        [
          'new-session',
          '-d',
          '-s',
          spec.name,
          '-c',
          spec.cwd,
          '-x',
          String(spec.width ?? 200),
          '-y',
          String(spec.height ?? 50),
          ...envArgs,
          '--',
          ...spec.argv,
        ],
        ['set-option', '-t', paneTarget(spec.name), 'remain-on-exit', 'on'],
        // The tmux server may be the user's (umask 022): the log holds the agent's output.
        [
          'pipe-pane',
          '-t',
          paneTarget(spec.name),
          '-o',
          `umask 077; exec cat >> ${shellQuote(spec.logFile)}`,
        ],
      ),
      'new-session',
    );
  }

  async hasSession(name: string): Promise<boolean> {
    return (await this.exec(['has-session', '-t', sessionTarget(name)])).code === 0;
  }

  /** Names of all sessions on the server; empty when no server runs. One call for all jobs. */
  async listSessions(): Promise<Set<string>> {
    const r = await this.exec(['list-sessions', '-F', '#{session_name}']);
    if (r.code !== 0) return new Set();
    return new Set(r.stdout.split('\n').filter(Boolean));
  }

  /**
   * Every session's first pane: alive or dead, and how it died. One call for all jobs, so
   * reconciling a thousand jobs costs the same as one. Undefined when no server runs.
   */
  /**
   * Every pane on the server by session; empty when no server runs (so no session exists);
   * undefined when tmux failed some other way and nothing can be concluded.
   */
  async listPanes(): Promise<Map<string, PaneState> | undefined> {
    const r = await this.exec([
      'list-panes',
      '-a',
      '-F',
      '#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{pane_pid}',
    ]);
    if (r.code !== 0) return NO_SERVER.test(r.stderr) ? new Map() : undefined;
    const panes = new Map<string, PaneState>();
    for (const line of r.stdout.split('\n')) {
      const [name, dead, status, pid] = line.split('\t');
      if (!name || panes.has(name)) continue;
      panes.set(name, {
        dead: dead === '1',
        exitStatus: status ? Number(status) : undefined,
        pid: pid ? Number(pid) : undefined,
      });
    }
    return panes;
  }

  async killSession(name: string): Promise<boolean> {
    return (await this.exec(['kill-session', '-t', sessionTarget(name)])).code === 0;
  }

  async paneState(name: string): Promise<PaneState | undefined> {
    const r = await this.exec([
      'display-message',
      '-p',
      '-t',
      paneTarget(name),
      '#{session_name}\t#{pane_dead}\t#{pane_width}\t#{pane_height}\t#{pane_pid}\t#{pane_dead_status}',
    ]);
    if (r.code !== 0) return undefined;
    const [session, dead, cols, rows, pid, status] = r.stdout.replace(/\n$/, '').split('\t');
    // tmux 3.3 answers a target that names no session with empty fields and status 0 (when
    // other sessions keep the server up): that is a missing session, not a live pane.
    if (session !== name) return undefined;
    return {
      dead: dead === '1',
      exitStatus: status ? Number(status) : undefined,
      pid: pid ? Number(pid) : undefined,
      cols: Number(cols),
      rows: Number(rows),
    };
  }

  /**
   * Paste text as one bracketed paste (multi-line stays one prompt; key names and leading
   * dashes stay literal). The buffer travels on stdin, so size is not bound by argv limits.
   */
  async paste(name: string, text: string, bufferName: string): Promise<void> {
    await this.must(
      new Chain(
        ['load-buffer', '-b', bufferName, '-'],
        ['paste-buffer', '-p', '-d', '-b', bufferName, '-t', paneTarget(name)],
      ),
      'paste-buffer',
      text,
    );
  }

  /** Type text literally (-l): for short slash commands the agent must see as keystrokes. */
  async typeLiteral(name: string, text: string): Promise<void> {
    await this.must(['send-keys', '-t', paneTarget(name), '-l', '--', text], 'send-keys');
  }

  /**
   * Raw terminal input (what a terminal emulator sends: text, control bytes, escape sequences)
   * delivered byte-exact: printable runs literally (-l), control bytes as hex codes (-H).
   * Nothing is read as a key name or a tmux command. Large input (a paste) goes in pieces, one
   * tmux call each and in order: one call holding all of it would be `command too long`.
   */
  async input(name: string, data: string): Promise<void> {
    for (const piece of inputPieces(paneTarget(name), data)) {
      const chain = inputCommands(paneTarget(name), piece);
      if (chain.length > 0) await this.must(new Chain(...chain), 'send-keys');
    }
  }

  /** Size a session's window (a browser terminal asking for its own size). */
  async resize(name: string, cols: number, rows: number): Promise<void> {
    await this.must(
      ['resize-window', '-t', sessionTarget(name), '-x', String(cols), '-y', String(rows)],
      'resize-window',
    );
  }

  /** Send named keys (Enter, Escape, C-u): never user text. */
  async sendKeys(name: string, ...keys: string[]): Promise<void> {
    await this.must(['send-keys', '-t', paneTarget(name), ...keys], 'send-keys');
  }

  /** The rendered screen (and `history` lines above it), optionally with colour escapes. */
  async capture(
    name: string,
    options: { history?: number; escapes?: boolean } = {},
  ): Promise<string> {
    const args = ['capture-pane', '-p', '-t', paneTarget(name)];
    if (options.escapes) args.push('-e');
    if (options.history && options.history > 0) args.push('-S', `-${options.history}`);
    return this.must(args, 'capture-pane');
  }

  async displayMessage(message: string): Promise<void> {
    await this.exec(['display-message', '--', message]);
  }

  async switchClient(name: string): Promise<void> {
    await this.must(['switch-client', '-t', sessionTarget(name)], 'switch-client');
  }

  /** A new window in the current client's session running `argv` (no shell in between). */
  async openWindow(name: string, argv: readonly string[]): Promise<void> {
    await this.must(['new-window', '-n', name, '--', ...argv], 'new-window');
  }

  /**
   * Show a session in a popup over the current client, read-only (a nested attach, so the
   * popup shows exactly the agent's screen); the user's tmux prefix + d closes it.
   */
  async peek(name: string, title: string): Promise<void> {
    const attach = this.commandLine('attach-session', '-r', '-t', sessionTarget(name));
    await this.must(
      [
        'display-popup',
        '-E',
        '-w',
        '90%',
        '-h',
        '90%',
        '-T',
        title,
        '--',
        'env',
        '-u',
        'TMUX',
        ...attach,
      ],
      'display-popup',
    );
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}
