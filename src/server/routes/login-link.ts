import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Engine } from '../../engine/index.js';
import { COOKIE } from '../security.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const HEADERS = {
  'cache-control': 'no-store',
  // The token is in this page's URL: no other site may learn it, nor frame the button. Not
  // no-referrer: that makes the browser send `Origin: null` with the button's POST.
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

const page = (c: Context, status: 200 | 410, body: string) =>
  c.html(
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>cc-agent</title><style>body{font:16px system-ui,sans-serif;margin:2rem;max-width:30rem}button{font-size:1.1rem;padding:.8rem 1.4rem}</style></head><body>${body}</body></html>`,
    status,
    HEADERS,
  );

const gone = (c: Context) =>
  page(
    c,
    410,
    '<h2>This link was used or has expired</h2><p>Each approval link opens the page once, within a day. Open the address <code>cc-agent serve status</code> prints.</p>',
  );

/**
 * Single-use approval links (notify.command's `link`): GET shows a button and uses nothing up,
 * so a chat app that fetches the link for a preview neither spends it nor gets in; the POST
 * that button sends uses it up, gives the page the same cookie the token URL gives (nothing
 * more), and opens that approval.
 */
export function loginLinkRoutes(
  engine: Engine,
  o: { token: string; sameOrigin: (origin: string) => boolean },
) {
  const r = new Hono();
  r.get('/l/:token', (c) => {
    const t = c.req.param('token');
    const approval = TOKEN.test(t) ? engine.triggers.linkApproval(t) : undefined;
    if (!approval) return gone(c);
    return page(
      c,
      200,
      `<h2>cc-agent: approval ${approval}</h2><form method="post"><button type="submit">Open the approval</button></form>`,
    );
  });
  r.post('/l/:token', (c) => {
    const origin = c.req.header('origin');
    // Only our own page's button spends the link (another page would need the token anyway).
    if (origin !== undefined && !o.sameOrigin(origin)) {
      return c.json({ error: 'forbidden origin' }, 403);
    }
    const t = c.req.param('token');
    const approval = TOKEN.test(t) ? engine.triggers.redeemLink(t) : undefined;
    if (!approval) return gone(c);
    setCookie(c, COOKIE, o.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'same-origin');
    return c.redirect(`/#approval=${encodeURIComponent(approval)}`, 303);
  });
  return r;
}
