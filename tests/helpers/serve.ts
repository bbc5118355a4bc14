import { expect } from 'vitest';
import WebSocket from 'ws';
import { stripAnsi } from '../../src/engine/index.js';
import type { Harness } from './cli-harness.js';

export interface Served {
  /** `http://127.0.0.1:<port>`: the page's own origin. */
  base: string;
  port: number;
  token: string;
  /** The printed token URL, as a user opens it once. */
  url: string;
}

/** `cc-agent serve --port 0 --detach [...]` on the harness's home: where it listens, its token. */
export async function serveDetached(h: Harness, args: readonly string[] = []): Promise<Served> {
  const out = await h.ok(['serve', '--port', '0', ...args, '--detach']);
  const m = /^serving \(pid \d+\) on ((http:\/\/127\.0\.0\.1:(\d+))\/\?token=([0-9a-f]{64}))$/.exec(
    out,
  );
  expect(m, out).not.toBeNull();
  const [, url = '', base = '', port = '', token = ''] = m as RegExpExecArray;
  return { base, port: Number(port), token, url };
}

/** The HttpOnly cookie the token URL trades the token for (what the page's requests carry). */
export async function pageCookie(s: Served): Promise<string> {
  const res = await fetch(s.url, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  expect(cookie).toBe(`cc_agent_token=${s.token}`);
  return cookie;
}

/** A terminal WebSocket on a job, open: what it has shown so far (no colours), and typing. */
export async function openTerminal(
  base: string,
  token: string,
  id: string,
): Promise<{ ws: WebSocket; shown(): string; type(data: string): void }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/terminal/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  let out = '';
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m)) as { type: string; data?: string };
    if (msg.type === 'output') out += stripAnsi(msg.data ?? '');
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, shown: () => out, type: (data) => ws.send(JSON.stringify({ type: 'input', data })) };
}
