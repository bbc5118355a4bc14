// The SSE flood of issue 13 item 6, measured from outside as an attacker (or a careless fleet
// of tabs) would: `clients` event streams connect and drop, `concurrency` at a time, while one
// caller times `GET /api/jobs` back to back from another thread. Shared by
// tests/security/sse-flood.timing.test.ts and scripts/bench-sse.mjs so both measure the same thing.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** The value below which a fraction `p` of `xs` lies (nearest rank). */
export const quantile = (xs, p) =>
  sorted(xs)[Math.min(xs.length - 1, Math.max(0, Math.ceil(xs.length * p) - 1))];

/** One stream: connect, take the first bytes (the snapshot's start), drop. Its status. */
async function connectAndDrop(origin, headers, timeoutMs) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(`${origin}/api/events`, { headers, signal: ctl.signal });
    if (res.ok && res.body) await res.body.getReader().read();
    else await res.text();
    return res.status;
  } catch {
    return ctl.signal.aborted ? 'timeout' : 'error';
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
}

/** `clients` streams, `concurrency` at a time, each connecting and dropping. Their statuses. */
async function churnStreams(origin, headers, { clients, concurrency, requestTimeoutMs, deadline }) {
  const statuses = [];
  let started = 0;
  const worker = async () => {
    while (started < clients && Date.now() < deadline) {
      started++;
      statuses.push(await connectAndDrop(origin, headers, requestTimeoutMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

// In the churn's own thread: run it and hand the statuses back.
if (!isMainThread && workerData?.sseChurn) {
  const { origin, headers, options } = workerData.sseChurn;
  parentPort.postMessage(await churnStreams(origin, headers, options));
}

/**
 * Churn `clients` streams while timing `/api/jobs`. The streams run in a worker thread, so
 * the timings are what an independent client sees, not this thread's own busy loop. A request
 * slower than `requestTimeoutMs` counts as that long (and the churn gives up after
 * `deadlineMs`), so a stalled server makes the numbers fail instead of hanging the caller.
 */
export async function sseChurn(
  origin,
  token,
  { clients = 200, concurrency = 16, requestTimeoutMs = 10_000, deadlineMs = 90_000 } = {},
) {
  const headers = { authorization: `Bearer ${token}` };
  const deadline = Date.now() + deadlineMs;
  const options = { clients, concurrency, requestTimeoutMs, deadline };
  const thread = new Worker(new URL(import.meta.url), {
    workerData: { sseChurn: { origin, headers, options } },
  });
  let churning = true;
  const churned = new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  }).finally(() => {
    churning = false;
  });
  churned.catch(() => undefined); // a failed thread shows as missing statuses
  const latencies = [];
  // At least 50 samples, and samples for as long as the churn lasts.
  while ((churning || latencies.length < 50) && Date.now() < deadline) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${origin}/api/jobs`, {
        headers,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await res.arrayBuffer();
      latencies.push(res.ok ? performance.now() - t0 : requestTimeoutMs);
    } catch {
      latencies.push(requestTimeoutMs);
    }
  }
  // Past the deadline the streams are abandoned where they are.
  const statuses = churning ? [] : await churned;
  await thread.terminate();
  return {
    statuses,
    latencies,
    median: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    timedOut: Date.now() >= deadline,
  };
}

/** A process's resident set now and at its peak (VmHWM), in MB, from /proc. */
export async function rssOf(pid) {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  if (!/^VmRSS:/m.test(status)) throw new Error(`process ${pid} is gone (no VmRSS)`);
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
