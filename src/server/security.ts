import { createHmac } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sameToken } from './token.js';

export const COOKIE = 'cc_agent_token';
/** The header (and, on a WebSocket, the query parameter) that carries the page's CSRF token. */
export const CSRF_HEADER = 'x-cc-agent-csrf';
export const CSRF_QUERY = 'csrf';

/** Hosts a request may name: loopback, and the host the server was bound to. */
export function allowedHosts(boundHost: string, more: readonly string[] = []): Set<string> {
  return new Set([
    'localhost',
    '127.0.0.1',
    '[::1]',
    '::1',
    boundHost.toLowerCase(),
    ...more.map((h) => h.toLowerCase()),
  ]);
}

const hostOf = (value: string): string => {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1);
  return v.replace(/:\d+$/, '');
};

/**
 * DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends
 * `Host: evil.example`. Only our own names are served.
 */
export function checkHost(hosts: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (!host || !hosts.has(hostOf(host))) return c.json({ error: 'forbidden host' }, 403);
    await next();
  };
}

/**
 * Our page's own origin, exactly: http, one of our names, and the port we listen on. A page on
 * another localhost port is the same *site* (so SameSite cookies go along) but not this origin.
 */
export function ownOrigin(
  origin: string,
  hosts: Set<string>,
  port: number,
  extra: readonly string[] = [],
): boolean {
  if (extra.includes(origin)) return true;
  for (const host of hosts) {
    const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (origin === `http://${name}:${port}`) return true;
  }
  return false;
}

/**
 * The page's second factor: derived from the token, handed out only by an authenticated GET
 * (`/api/session`) whose answer a foreign page cannot read, and sent back as a header.
 */
export const csrfToken = (token: string): string =>
  createHmac('sha256', token).update('cc-agent csrf v1').digest('hex');

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const isJson = (type: string | undefined): boolean =>
  (type ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/** How a request proved it holds the token: a script's bearer header, or the page's cookie. */
function authBy(c: Context, token: string): 'bearer' | 'cookie' | undefined {
  const auth = c.req.header('authorization');
  if (sameToken(auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined, token)) {
    return 'bearer';
  }
  return sameToken(getCookie(c, COOKIE), token) ? 'cookie' : undefined;
}

/**
 * In front of every API route, stream and socket, in this order: the token (401); an Origin,
 * when a browser names one, must be exactly ours (403); changes come as application/json only
 * (415), so a form or a no-cors fetch cannot make one; and when the token came as the cookie,
 * which any page's request carries, a change or a terminal also needs the CSRF token (403).
 */
export function guard(o: {
  token: string;
  hosts: Set<string>;
  port: () => number;
  /** Origins the user named with `serve --origin` (a tunnel to another local port). */
  origins?: readonly string[];
}): MiddlewareHandler {
  const csrf = csrfToken(o.token);
  return async (c, next) => {
    const by = authBy(c, o.token);
    if (!by) return c.json({ error: 'missing or wrong token (see: cc-agent serve status)' }, 401);
    const origin = c.req.header('origin');
    if (origin !== undefined && !ownOrigin(origin, o.hosts, o.port(), o.origins)) {
      return c.json({ error: 'forbidden origin' }, 403);
    }
    const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
    const changes = !SAFE.has(c.req.method);
    if (changes && !isJson(c.req.header('content-type'))) {
      return c.json({ error: 'changes must be sent as application/json' }, 415);
    }
    if (by === 'cookie' && (changes || upgrade)) {
      const given = upgrade ? c.req.query(CSRF_QUERY) : c.req.header(CSRF_HEADER);
      if (!sameToken(given, csrf)) {
        return c.json({ error: 'missing or wrong CSRF token (reload the page)' }, 403);
      }
    }
    await next();
  };
}
