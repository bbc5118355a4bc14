import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import type { Engine } from '../engine/index.js';
import { errorResponse } from './http.js';
import { autonomyRoutes } from './routes/autonomy.js';
import { conflictsRoutes } from './routes/conflicts.js';
import { jobsRoutes } from './routes/jobs.js';
import { loginLinkRoutes } from './routes/login-link.js';
import { notificationsRoute } from './routes/notifications.js';
import { allowedHosts, checkHost, COOKIE, csrfToken, guard, ownOrigin } from './security.js';
import { sameToken } from './token.js';
import { eventFeed } from './sse.js';
import { terminalRoute } from './terminal.js';

export interface ServerOptions {
  token: string;
  /** The host the server is bound to (its name is allowed in Host and Origin). */
  host: string;
  /** The port it listens on (known once it listens): the only port an Origin may name. */
  port: () => number;
  /** More exact origins a page may come from (`serve --origin`, a tunnel to another port). */
  origins?: readonly string[];
  /** Where start/orchestrator requests without a dir run. */
  cwd: string;
  /** The page's built files (default: dist/web beside this module). */
  webRoot?: string;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Request bodies larger than this are refused (a prompt file belongs in `--file`). */
export const MAX_BODY = 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The server face: the engine's API over HTTP, its events over SSE, and the page. Security is
 * in front of everything: Host (DNS rebinding), then `guard` (the token on every route, stream
 * and socket; our exact Origin; JSON-only changes; the CSRF token with the cookie); bodies are
 * size-limited.
 */
export function createApp(engine: Engine, options: ServerOptions) {
  const origins = options.origins ?? [];
  // A named origin's host may appear in Host too (the tunnel's local name).
  const hosts = allowedHosts(
    options.host,
    origins.map((o) => new URL(o).hostname),
  );
  const webRoot = realpathOr(options.webRoot ?? fileURLToPath(new URL('../web', import.meta.url)));
  const feed = eventFeed(engine);
  const notifications = notificationsRoute(engine);
  const app = new Hono();
  const ws = createNodeWebSocket({ app });
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.use('*', checkHost(hosts));
  // The token URL printed by `serve`: trade the token for an HttpOnly cookie, drop it from
  // the address bar (and the browser history).
  app.get('/', async (c, next) => {
    const given = c.req.query('token');
    if (given === undefined) return next();
    if (!sameToken(given, options.token)) return c.json({ error: 'wrong token' }, 401);
    setCookie(c, COOKIE, options.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    return c.redirect('/', 303);
  });
  // notify.command's approval links: single-use, a day long, stored hashed (routes/login-link.ts).
  app.route(
    '/',
    loginLinkRoutes(engine, {
      token: options.token,
      sameOrigin: (o) => ownOrigin(o, hosts, options.port(), origins),
    }),
  );
  app.use('/api/*', guard({ token: options.token, hosts, port: options.port, origins }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) => c.json({ error: `request body over ${MAX_BODY} bytes` }, 413),
    }),
  );
  // The page's CSRF token: readable by our own page only (no CORS, exact Origin).
  app.get('/api/session', (c) => c.json({ csrf: csrfToken(options.token) }));
  // A change through the API may fire no engine event (a trigger added): the next snapshot
  // is built afresh after any request that is not a read.
  app.use('/api/*', async (c, next) => {
    await next();
    if (!READS.has(c.req.method)) feed.stale();
  });
  app.get('/api/events', (c) => feed.stream(c));
  app.get('/api/terminal/:id', terminalRoute(engine, ws.upgradeWebSocket));
  app.route('/', jobsRoutes(engine, options.cwd));
  app.route('/', autonomyRoutes(engine, options.cwd));
  app.route('/', notifications.routes);
  app.route('/', conflictsRoutes(engine));
  // The page: only files under the built assets, never anything else on disk.
  app.get('*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = webRoot ? safeFile(webRoot, path) : undefined;
    if (!file) return c.json({ error: 'not found' }, 404);
    return c.body(readFileSync(file), 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path === '/index.html' ? 'no-cache' : 'max-age=3600',
    });
  });
  return {
    app,
    injectWebSocket: ws.injectWebSocket,
    close: () => {
      feed.close();
      notifications.close();
    },
    streams: feed.streams,
    snapshotBuilds: feed.builds,
  };
}

function realpathOr(dir: string): string | undefined {
  return existsSync(dir) ? realpathSync(dir) : undefined;
}

/** A file inside `root` (after resolving `..` and symlinks), or undefined. */
function safeFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = resolve(root, `.${decoded}`);
  if (!candidate.startsWith(root + sep)) return undefined;
  try {
    const real = realpathSync(candidate);
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}
