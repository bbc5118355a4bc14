import { readFileSync } from 'node:fs';
import { CcAgentError, describeFault, type Engine } from '../engine/index.js';
import { portFlag } from './args.js';
import { serveLifecycle, stopSignals } from './lifecycle.js';
import { handOffPulse, pulseGoesOn } from './pulse.js';
import * as c from './contracts/serve.js';
import { defineCommand, type IoOf } from './types.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const tokenFile = (engine: Engine): string => engine.paths.serverToken;

/** The URL to open: the token comes from server-token, the one file that holds it. */
function withToken(engine: Engine, url: string): string {
  try {
    const token = readFileSync(tokenFile(engine), 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(token)) return `${url}?token=${token}`;
  } catch {
    // no token yet: the bare URL, and the page asks for it
  }
  return url;
}

const withoutToken = (url: string): string => {
  const u = new URL(url);
  u.search = '';
  return u.toString();
};

/**
 * `serve --origin`: an exact `http(s)://host[:port]` with nothing after it, normalised as a
 * browser sends it (lower-case host, default port dropped); anything else is refused.
 */
function parseOrigin(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new CcAgentError('bad_input', `invalid --origin '${value}' (expected http://host:port)`);
  }
  const bare = u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password;
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !bare || value.endsWith('/')) {
    throw new CcAgentError('bad_input', `invalid --origin '${value}' (expected http://host:port)`);
  }
  return u.origin;
}

type ServeIo = IoOf<typeof c.serve>;

const originsOf = (io: ServeIo): string[] => io.flags.origin.map(parseOrigin);

async function foreground(io: ServeIo, engine: Engine): Promise<number> {
  const { host } = io.flags;
  if (!LOOPBACK.has(host)) {
    io.err(
      `warning: --host ${host} exposes the server beyond this machine; the token is all that guards it (prefer ssh -L)`,
    );
  }
  const { listen } = await import('../server/listen.js');
  const life = serveLifecycle(engine.paths);
  const signals = stopSignals();
  const say = (e: unknown): void =>
    io.err(`cc-agent serve: ${(describeFault(e) ?? (e as Error)).message}`);
  const live = await engine.live({
    pulse: true,
    tickMs: 1000,
    checkMs: 5000,
    panesMs: 60_000,
    onError: say,
    // The store was pulled from under it: stop, which writes back what only it holds.
    onFatal: (e) => {
      say(e);
      process.exitCode = 1;
      signals.stop(1);
    },
  });
  const server = await listen(engine, {
    host,
    port: portFlag(io.flags.port),
    cwd: io.cwd,
    origins: originsOf(io),
  });
  const url = withoutToken(server.url);
  // Bare: serve.json is no place for the token.
  life.record({ pid: process.pid, url });
  // Shown with its token only on a terminal: redirected (serve --detach's serve.log, a service
  // manager's journal) it would sit in a file others may read.
  if (process.stdout.isTTY) io.out(`cc-agent serving on ${server.url}`);
  else io.out(`cc-agent serving on ${url} (token: ${tokenFile(engine)}; cc-agent serve status)`);
  io.out(
    `from a laptop: ssh -L ${server.port}:127.0.0.1:${server.port} <this host>, then open that URL`,
  );
  await signals.stopped;
  // Open event streams and terminals would hold the close: a second is all they get.
  await Promise.race([server.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
  const led = live.leads();
  await live.stop().catch(say);
  // What it led goes on in a detached pulse; `serve stop` waits for this and says so.
  if (led) {
    const line = await handOffPulse(io, engine).catch((e: unknown) => {
      say(e);
      return undefined;
    });
    if (line) io.out(line);
  }
  life.clear();
  // Closed before exit: the last connection writes the log back into the store.
  engine.close();
  process.exit(process.exitCode ?? 0);
}

export const serveCommand = defineCommand(c.serve, async (io) => {
  const sub = io.input[0];
  if (sub !== undefined && sub !== 'stop' && sub !== 'status') {
    throw new CcAgentError(
      'bad_input',
      `unknown serve subcommand '${sub}' (expected: stop, status)`,
    );
  }
  if (sub === undefined) {
    // Bad flags are refused first, whether or not a server already runs.
    portFlag(io.flags.port);
    originsOf(io);
  }
  const engine = io.engine();
  const life = serveLifecycle(engine.paths);
  const state = life.status();
  if (sub === 'status') {
    const shown = state && { ...state, url: withToken(engine, state.url) };
    if (io.flags.json) io.out(JSON.stringify(shown ?? null));
    else io.out(shown ? `serving (pid ${shown.pid}) on ${shown.url}` : 'not serving');
    return 0;
  }
  if (sub === 'stop') {
    const stopped = await life.stop('the server to stop');
    if (!stopped) {
      io.out('not serving');
      return 0;
    }
    io.out(`stopped (pid ${stopped.pid})`);
    const goesOn = pulseGoesOn(engine);
    if (goesOn) io.out(goesOn);
    return 0;
  }
  if (state)
    throw new CcAgentError('blocked', `already serving (pid ${state.pid}) on ${state.url}`);
  if (!io.flags.detach) return foreground(io, engine);
  const port = portFlag(io.flags.port); // a bad one is refused here, not in the background
  const args = ['serve', '--port', String(port)];
  if (io.flags.host) args.push('--host', io.flags.host);
  for (const o of originsOf(io)) args.push('--origin', o);
  // Up when it has written its state (with its URL).
  await life.start({
    env: io.env,
    cwd: io.cwd,
    args,
    what: `the server to start (log: ${engine.paths.serveLog})`,
  });
  const s = life.status();
  if (!s)
    throw new CcAgentError('timeout', `the server did not start; see ${engine.paths.serveLog}`);
  io.out(`serving (pid ${s.pid}) on ${withToken(engine, s.url)}`);
  return 0;
});
