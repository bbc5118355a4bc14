import { appendFileSync } from 'node:fs';
import { render } from 'ink';
import { createEngine, type Engine } from '../engine/index.js';
import { App } from './app.js';

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?25h\x1b[?1049l';

/**
 * The TUI in this terminal: a live engine (file-watch ingestion; it leads the pulse when no
 * one else does) under an Ink app on the alternate screen, which is restored on quit, on a
 * signal and on a crash. Background errors go to $CC_AGENT_HOME/tui.log, never to the screen.
 */
export async function runTui(options: {
  env: NodeJS.ProcessEnv;
  cwd: string;
  serve?: { host: string; port: number };
  /**
   * Run as the TUI quits if it led the pulse: hands what it led to a detached pulse; returns
   * the line to print (commands/pulse.ts handOffPulse).
   */
  handOff?: (engine: Engine) => Promise<string | undefined>;
}): Promise<void> {
  const engine = createEngine({ env: options.env });
  const logFile = engine.paths.tuiLog;
  const log = (e: unknown): void => {
    try {
      appendFileSync(logFile, `${new Date().toISOString()} ${(e as Error)?.stack ?? String(e)}\n`);
    } catch {
      // nowhere left to say it
    }
  };
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE_ALT);
  };
  process.stdout.write(ENTER_ALT);
  process.once('exit', restore);
  const app = render(<App engine={engine} cwd={options.cwd} />, {
    exitOnCtrlC: false,
    maxFps: 30,
  });
  // Asked for at once: a quit before the live engine is up must still end the wait.
  const exited = app.waitUntilExit();
  // The first frame comes from the store as it is; the live engine (watchers, the pulse)
  // starts right after it, and its first ingest updates the screen through events.
  // The pulse ticks every second (cron slots are on time); screens are checked every 5 s and
  // tmux asked about panes once a minute (hooks and exit files announce the rest at once),
  // which keeps an idle TUI near 0% CPU and spawning no tmux.
  const live = await engine.live({
    pulse: true,
    tickMs: 1000,
    checkMs: 5000,
    panesMs: 60_000,
    onError: log,
    // The store went from under it (a deleted log): quit, which writes back what it holds.
    onFatal: (e) => {
      log(e);
      process.exitCode = 1;
      app.unmount();
      process.once('exit', () => process.stderr.write(`cc-agent: ${e.message}\n`));
    },
  });
  const notify = (title: string, message: string): void =>
    engine.events.emit('notification', { title, message, at: new Date().toISOString() });
  // `tui --serve`: the browser view from this same engine (loaded only when asked for).
  const server = options.serve
    ? await import('../server/listen.js')
        .then(({ listen }) =>
          listen(engine, {
            ...(options.serve as { host: string; port: number }),
            cwd: options.cwd,
          }),
        )
        .catch((e: unknown) => {
          log(e);
          notify('serve failed', (e as Error).message);
          return undefined;
        })
    : undefined;
  if (server) notify('serving', server.url);
  const quit = (): void => app.unmount();
  process.once('SIGTERM', quit);
  process.once('SIGHUP', quit);
  try {
    await exited;
  } finally {
    restore();
    await server?.close().catch(log);
    const led = live.leads();
    await live.stop().catch(log);
    // Quitting the TUI must not stop the autonomy it led: a detached pulse takes over.
    if (led && options.handOff) {
      const line = await options.handOff(engine).catch((e: unknown) => {
        log(e);
        return `cc-agent: nothing leads the pulse now (${(e as Error).message}); start it with cc-agent pulse start`;
      });
      if (line) process.stdout.write(`${line}\n`);
    }
    engine.close();
  }
}
