import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CcAgentError, withUserUmask } from '../engine/index.js';
import { portFlag } from './args.js';
import { handOffPulse, pulseGoesOn } from './pulse.js';
import * as c from './contracts/tui.js';
import { TUI_SESSION } from './contracts/tui.js';
import { defineCommand, type Io } from './types.js';

const cliEntry = fileURLToPath(new URL('../../bin/cc-agent.js', import.meta.url));
/** See bin/cc-agent.js: the TUI runs with a small young generation. */
const HEAP_FLAG = '--max-semi-space-size=1';

/** What the TUI process needs to find the same store and tmux server. */
function tuiEnv(io: Io): string[] {
  return ['CC_AGENT_HOME', 'CC_AGENT_TMUX_SOCKET']
    .filter((k) => io.env[k])
    .flatMap((k) => ['-e', `${k}=${io.env[k]}`]);
}

/** Load the TUI (bundled into one file when built, so its first frame comes quickly). */
export async function loadTui(): Promise<typeof import('../tui/main.js')> {
  const bundle = new URL('../tui.bundle.js', import.meta.url);
  // Ink draws nothing but the final frame when CI or CONTINUOUS_INTEGRATION is set (its is-in-ci
  // check, read once when Ink loads). The TUI only runs on a real terminal, so those two are
  // hidden while it loads and put back at once: agents and children still see them.
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].flatMap((k) => {
    const v = process.env[k];
    delete process.env[k];
    return v === undefined ? [] : [[k, v] as const];
  });
  try {
    // Only a missing bundle (a plain `tsc` build) falls back; a broken one must fail loudly.
    if (!existsSync(bundle)) return await import('../tui/main.js');
    return (await import(bundle.href)) as typeof import('../tui/main.js');
  } finally {
    for (const [k, v] of hidden) process.env[k] = v;
  }
}

/**
 * Open the TUI where it belongs: in this pane (inside tmux), in a new window (`--window`),
 * or — outside tmux — in session cc-agent-tui on the agents' tmux server, created or
 * re-attached, so jumping to an agent and back is a tmux client switch.
 */
export async function openTui(
  io: Io,
  options: {
    window?: boolean;
    here?: boolean;
    session?: string;
    /** Also serve the browser view from the TUI's process (`tui --serve`). */
    serve?: { host: string; port: number };
  },
): Promise<number> {
  const inTmux = Boolean(io.env['TMUX']);
  if (options.here || (inTmux && !options.window)) {
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      throw new CcAgentError(
        'bad_input',
        'the TUI needs a terminal (stdin and stdout are not a TTY)',
      );
    }
    const { runTui } = await loadTui();
    await runTui({
      env: io.env,
      cwd: io.cwd,
      serve: options.serve,
      handOff: (engine) => handOffPulse(io, engine),
    });
    return 0;
  }
  const run = [process.execPath, HEAP_FLAG, cliEntry, 'tui', '--here'];
  if (options.serve) {
    run.push('--serve', '--port', String(options.serve.port), '--host', options.serve.host);
  }
  // Inside tmux: the server this pane is on; outside: the agents' server, as the engine names it.
  const tmux = inTmux ? ['tmux'] : io.engine().tmuxArgv();
  const [bin, ...pre] = tmux as [string, ...string[]];
  const args = inTmux
    ? [...pre, 'new-window', '-n', 'cc-agent', '-c', io.cwd, ...tuiEnv(io), '--', ...run]
    : [
        ...pre,
        'new-session',
        '-A',
        '-s',
        options.session ?? TUI_SESSION,
        '-c',
        io.cwd,
        ...tuiEnv(io),
        '--',
        ...run,
      ];
  // tmux may start the user's server here: it gets the user's umask, not cc-agent's. Not
  // spawnSync: the demo starts its agents while the TUI comes up, on this event loop.
  const child = withUserUmask(() => spawn(bin, args, { stdio: 'inherit', env: { ...io.env } }));
  return new Promise<number>((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new CcAgentError(
          'tmux_missing',
          `tmux is not installed or not on PATH (${e.code ?? e.message})`,
        ),
      ),
    );
    child.once('close', (code) => resolve(code ?? 1));
  }).then((status) => {
    // Quit (not detached): its pane is gone with what it printed, so what goes on is said here.
    const session = options.session ?? TUI_SESSION;
    if (!inTmux && spawnSync(bin, [...pre, 'has-session', '-t', `=${session}`]).status !== 0) {
      const goesOn = pulseGoesOn(io.engine());
      if (goesOn) io.out(goesOn);
    }
    return status;
  });
}

export const tui = defineCommand(c.tui, (io) => {
  const port = portFlag(io.flags.port);
  const serve = io.flags.serve ? { host: io.flags.host, port } : undefined;
  return openTui(io, { window: io.flags.window, here: io.flags.here, serve });
});
