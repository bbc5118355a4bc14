import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sameToken } from './token.js';

export const COOKIE = 'cc_agent_token';

/** Hosts a request may name: loopback, and the host the server was bound to. */
export function allowedHosts(boundHost: string): Set<string> {
  return new Set(['localhost', '127.0.0.1', '[::1]', '::1', boundHost.toLowerCase()]);
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

/** A browser names the page that sent a request; only our own pages may change anything. */
export function originAllowed(origin: string | undefined, hosts: Set<string>): boolean {
  if (origin === undefined) return true; // not a browser (curl, scripts): the token decides
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && hosts.has(hostOf(u.host));
  } catch {
    return false;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkOrigin(hosts: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
    if ((upgrade || !SAFE.has(c.req.method)) && !originAllowed(c.req.header('origin'), hosts)) {
      return c.json({ error: 'forbidden origin' }, 403);
    }
    await next();
  };
}

/** Every API route, stream and socket needs the token: a bearer header or the page's cookie. */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const auth = c.req.header('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (!sameToken(bearer, token) && !sameToken(getCookie(c, COOKIE), token)) {
      return c.json({ error: 'missing or wrong token (see: cc-agent serve status)' }, 401);
    }
    await next();
  };
}
