import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { MAX_STREAMS } from '../../src/server/sse.js';
import { loadToken } from '../../src/server/token.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The event stream's bounds on a real port over a real SQLite home: a token holds at most
 * MAX_STREAMS streams (then 429), and a client that stops reading is dropped once its backlog
 * passes the bound, its socket closed, instead of the server keeping its frames.
 */
let base: string;
let engine: Engine;
let server: Listening;
let origin: string;
let token: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'cc-sse-limits-'));
  engine = createEngine({
    home: join(base, 'home'),
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: `cc-sse-limits-unused-${process.pid}` },
  });
  server = await listen(engine, { host: '127.0.0.1', port: 0, cwd: base });
  origin = `http://127.0.0.1:${server.port}`;
  token = loadToken(engine.paths.serverToken);
});
afterAll(async () => {
  await server?.close();
  engine?.close();
  rmSync(base, { recursive: true, force: true });
});

/** A stream that has its opening frame; `stop` drops it. */
async function openStream(): Promise<{ status: number; body: string; stop: () => void }> {
  const ctl = new AbortController();
  const res = await fetch(`${origin}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ctl.signal,
  });
  if (!res.ok) return { status: res.status, body: await res.text(), stop: () => ctl.abort() };
  await (res.body as ReadableStream<Uint8Array>).getReader().read();
  return { status: res.status, body: '', stop: () => ctl.abort() };
}

describe('SSE stream bounds', () => {
  it(`allows ${MAX_STREAMS} streams per token, answers 429 beyond, and frees a slot on close`, async () => {
    const open = await Promise.all(Array.from({ length: MAX_STREAMS }, openStream));
    expect(open.map((s) => s.status)).toEqual(Array(MAX_STREAMS).fill(200));
    const refused = await openStream();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      error: `too many event streams: ${MAX_STREAMS} are open for this token; close a tab or a client and retry`,
    });
    expect(server.streams()).toBe(MAX_STREAMS);
    // A client that goes away gives its slot back (abort handling cleans up).
    open[0]?.stop();
    await waitFor(() => server.streams() === MAX_STREAMS - 1, 'the dropped stream to be let go');
    const again = await openStream();
    expect(again.status).toBe(200);
    for (const s of [...open, again]) s.stop();
    await waitFor(() => server.streams() === 0, 'every stream to be let go');
  });

  it('drops a client that stops reading, and keeps serving one that reads', async () => {
    // The slow client: a raw socket that sends its request and never reads a byte.
    const slow: Socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write(
      `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Authorization: Bearer ${token}\r\n\r\n`,
    );
    slow.pause();
    let slowClosed = false;
    slow.once('close', () => (slowClosed = true));
    slow.on('error', () => undefined); // a reset is as good a close as any here
    // The reading client, consuming everything as it comes.
    const ctl = new AbortController();
    const res = await fetch(`${origin}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: ctl.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    const dec = new TextDecoder();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        // Only the tail matters: the last task id this client has seen.
        seen = (seen + dec.decode(value, { stream: true })).slice(-4096);
      }
    })();
    await waitFor(() => server.streams() === 2, 'both streams open');

    // Events until the slow one's backlog passes the bound (kernel buffers first, then 4 MB).
    const prompt = `${'a task with a long enough prompt to fill frames '.repeat(5)}`;
    let added = 0;
    while (server.streams() === 2 && added < 100_000) {
      for (let i = 0; i < 500; i++, added++) engine.queue.add(`${prompt}${added}`);
      await tick();
    }
    expect(server.streams(), `still 2 streams after ${added} events`).toBe(1);
    // The reader got everything, including what came after the drop.
    const after = engine.queue.add('after the drop').id;
    await waitFor(() => seen.includes(`"id":"${after}"`), 'the reader to get the next event');
    // The slow client's socket was closed by the server, not by us.
    slow.resume();
    await waitFor(() => slowClosed, 'the slow client to see its connection closed');
    ctl.abort();
    await reading;
    await waitFor(() => server.streams() === 0, 'the reader to be let go');
  });
});
