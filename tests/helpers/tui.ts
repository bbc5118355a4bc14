import { spawn, type ChildProcess } from 'node:child_process';
import type { Harness } from './cli-harness.js';
import { cliPath } from './cli-harness.js';
import { waitFor } from './wait-for.js';

/**
 * `cc-agent tui` in a pane of the harness's private tmux server (session `ui`), driven with
 * send-keys and read with capture-pane, as a person at that terminal would.
 */
export interface TuiDriver {
  screen(): string;
  keys(...keys: string[]): void;
  type(text: string): void;
  waitFor(what: string, ok: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** `cc-agent <args>` (default: `tui`) in session `ui` of the harness's tmux server. */
export function startTui(
  h: Harness,
  options: { args?: string[]; size?: { x: number; y: number } } = {},
): TuiDriver {
  const size = options.size ?? { x: 200, y: 50 };
  const env = ['CC_AGENT_HOME', 'CC_AGENT_TMUX_SOCKET', 'CC_DEMO_SPEED', 'HOME'].flatMap((k) => [
    '-e',
    `${k}=${h.env[k] ?? ''}`,
  ]);
  const r = h.tmux([
    'new-session',
    '-d',
    '-s',
    'ui',
    '-x',
    String(size.x),
    '-y',
    String(size.y),
    ...env,
    '--',
    process.execPath,
    cliPath,
    ...(options.args ?? ['tui']),
  ]);
  if (r.code !== 0) throw new Error(`tmux new-session: ${r.stderr}`);
  const driver: TuiDriver = {
    screen: () => h.tmux(['capture-pane', '-p', '-t', '=ui:']).stdout,
    keys: (...keys) => {
      // One send-keys per key: each arrives as its own read, as typed.
      for (const k of keys) h.tmux(['send-keys', '-t', '=ui:', k]);
    },
    type: (text) => {
      h.tmux(['send-keys', '-l', '-t', '=ui:', text]);
    },
    waitFor: async (what, ok, timeoutMs = 20_000) => {
      let last = '';
      try {
        return await waitFor(
          () => {
            last = driver.screen();
            return ok(last) ? last : undefined;
          },
          `the TUI to show ${what}`,
          timeoutMs,
        );
      } catch (e) {
        // What the screen showed instead is the first thing anyone debugging needs.
        throw new Error(`${(e as Error).message}\n--- screen ---\n${last}`);
      }
    },
  };
  return driver;
}

/**
 * A real tmux client attached to session `ui` (through `script`, which gives it a terminal),
 * so switch-client has a client to move and prefix keys can be typed into it.
 */
export function attachClient(h: Harness): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...h.env, TERM: 'xterm-256color' };
  delete env['TMUX'];
  // The client's terminal size is the window's: as wide as the TUI was started.
  const attach = `stty cols 200 rows 50; exec tmux -L ${h.socket} attach-session -t =ui`;
  return spawn('script', ['-qfc', attach, '/dev/null'], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

/** Which session each attached client shows. */
export const clientSessions = (h: Harness): string[] =>
  h.tmux(['list-clients', '-F', '#{client_session}']).stdout.split('\n').filter(Boolean);
