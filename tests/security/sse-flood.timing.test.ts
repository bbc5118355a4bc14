import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { rssOf, sseChurn } from '../../scripts/lib/sse-churn.mjs';
import { serveDetached } from '../helpers/serve.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

/**
 * Issue 13 item 6, as written: a queue of 277 tasks holding ~10 MB of prompts, a real
 * `cc-agent serve --detach` over that home, and 200 event streams that connect and drop while
 * `/api/jobs` is timed. Before the fix every stream serialised the whole queue on the event
 * loop: /api/jobs took tens of seconds and the server grew to 500 MB.
 */
const TASKS = 277;
const PROMPT_BYTES = Math.floor((10 * 1024 * 1024) / TASKS);

describe('SSE flood over a big queue', () => {
  let h: Harness;
  let origin: string;
  let token: string;
  let pid: number;

  beforeAll(async () => {
    h = createHarness('sse-flood');
    // Seeded through the engine on the same SQLite home the server will open.
    const engine = createEngine({ home: h.home, env: h.env });
    try {
      for (let i = 0; i < TASKS; i++) {
        const line = `task ${i}: refactor module ${i} and keep its tests green.\n`;
        engine.queue.add(line.repeat(Math.ceil(PROMPT_BYTES / line.length)).slice(0, PROMPT_BYTES));
      }
    } finally {
      engine.close();
    }
    ({ base: origin, token } = await serveDetached(h));
    pid = (JSON.parse(readFileSync(join(h.home, 'serve.json'), 'utf8')) as { pid: number }).pid;
  });
  afterAll(() => h?.cleanup());

  it('keeps /api/jobs under 200 ms p99 and the server under 250 MB while 200 streams churn', async () => {
    // Warm: the first requests after a start pay for compiling the routes, not the flood.
    await sseChurn(origin, token, { clients: 0 });
    const churn = await sseChurn(origin, token, {
      clients: 200,
      concurrency: 16,
      requestTimeoutMs: 5_000,
      deadlineMs: 40_000,
    });
    const { rss, peak } = await rssOf(pid);
    const summary = `median ${churn.median.toFixed(1)} ms, p99 ${churn.p99.toFixed(1)} ms over ${churn.latencies.length} requests; RSS ${rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`;
    process.stdout.write(`sse flood: ${summary}\n`);
    expect(churn.timedOut, summary).toBe(false);
    // Every stream was served (16 at a time is under the per-token limit) and then dropped.
    expect(churn.statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(churn.p99, summary).toBeLessThan(200);
    expect(peak, summary).toBeLessThan(250);

    // The snapshot a stream opens with is bounded: previews, not 10 MB of prompts.
    const ctl = new AbortController();
    const res = await fetch(`${origin}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: ctl.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let text = '';
    while (!/^event: snapshot\ndata: .*\n/m.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
    ctl.abort();
    const data = /^event: snapshot\ndata: (.*)$/m.exec(text)?.[1] ?? '';
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThan(256 * 1024);
    const snap = JSON.parse(data) as { tasks: { prompt: string }[] };
    expect(snap.tasks).toHaveLength(TASKS);
    expect(Math.max(...snap.tasks.map((t) => t.prompt.length))).toBeLessThanOrEqual(200);
  }, 120_000);
});
