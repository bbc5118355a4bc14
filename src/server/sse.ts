import type { Context } from 'hono';
import {
  ENGINE_EVENTS,
  previewTask,
  type Engine,
  type EngineEventMap,
  type EngineEventName,
} from '../engine/index.js';
import { snapshotCache } from './snapshot.js';
import { SseClient } from './sse-client.js';

/** Streams the token may hold open at once (the server has one token: this is the limit). */
export const MAX_STREAMS = 32;
/** Bytes a client may leave unread before it is dropped. */
export const MAX_BACKLOG = 4 * 1024 * 1024;
/** The replay ring for Last-Event-ID: this many frames, and no more than this many bytes. */
const KEEP = 2000;
const KEEP_BYTES = 8 * 1024 * 1024;
/** A hook event larger than this goes out without its payload (the timeline has it). */
const MAX_HOOK_EVENT = 16 * 1024;
const HEARTBEAT_MS = 15_000;

interface Frame {
  id: number;
  bytes: Uint8Array;
}

const frameOf = (id: number, event: string, data: string): Uint8Array =>
  Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');

/** An event's data as the stream carries it: bounded, whatever the engine emitted. */
function dataOf<K extends EngineEventName>(name: K, payload: EngineEventMap[K]): string {
  if (name === 'queue_updated') {
    return JSON.stringify(previewTask(payload as EngineEventMap['queue_updated']));
  }
  const json = JSON.stringify(payload);
  if (name === 'hook_event' && json.length > MAX_HOOK_EVENT) {
    const e = payload as EngineEventMap['hook_event'];
    const omitted = `${json.length} chars; GET /api/timeline?job=${e.jobId}`;
    return JSON.stringify({ ...e, payload: { omitted } });
  }
  return json;
}

/**
 * One feed per server: every engine event becomes one frame (serialised once, shared by every
 * client) with the next id, kept in a bounded ring so a client that reconnects with
 * Last-Event-ID gets exactly what it missed (or a fresh snapshot if it was away too long).
 * A new stream opens with the cached snapshot: connecting costs no store read and no
 * serialisation, however big the queue.
 */
export function eventFeed(engine: Engine) {
  const cache = snapshotCache(engine);
  const clients = new Set<SseClient>();
  let next = 1;
  const ring: Frame[] = [];
  let ringBytes = 0;
  const push = (event: string, data: string): void => {
    const id = next++;
    const frame = { id, bytes: frameOf(id, event, data) };
    ring.push(frame);
    ringBytes += frame.bytes.byteLength;
    while (ring.length > KEEP || (ringBytes > KEEP_BYTES && ring.length > 1)) {
      ringBytes -= (ring.shift() as Frame).bytes.byteLength;
    }
    for (const c of clients) c.send(frame.bytes);
  };
  const offs = ENGINE_EVENTS.map((name) =>
    engine.events.on(name, (payload) => push(name, dataOf(name, payload))),
  );
  // What other processes commit (a `cc-agent queue add` in a shell) fires no event here:
  // checked once a tick through SQLite's data_version, and sent as a fresh snapshot (so a
  // stream opened in between with the older one is brought up to date within the tick).
  const changedElsewhere = engine.changeWatcher();
  offs.push(
    engine.events.on('pulse_tick', () => {
      if (!changedElsewhere()) return;
      cache.stale();
      if (clients.size > 0) push('snapshot', cache.json());
    }),
  );
  // The opening frame, encoded once per (snapshot, id): every new stream gets the same bytes.
  let opening: { id: number; json: string; bytes: Uint8Array } = {
    id: -1,
    json: '',
    bytes: Buffer.alloc(0),
  };
  const snapshotNow = (): Uint8Array => {
    const json = cache.json();
    const id = next - 1;
    if (opening.id !== id || opening.json !== json) {
      opening = { id, json, bytes: frameOf(id, 'snapshot', json) };
    }
    return opening.bytes;
  };
  const heartbeat = setInterval(() => {
    for (const c of clients) c.send(KEEP_ALIVE);
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function stream(c: Context): Response {
    if (clients.size >= MAX_STREAMS) {
      return c.json(
        {
          error: `too many event streams: ${MAX_STREAMS} are open for this token; close a tab or a client and retry`,
        },
        429,
      );
    }
    const client = new SseClient(c, MAX_BACKLOG, (gone) => clients.delete(gone));
    clients.add(client);
    const last = Number(c.req.header('last-event-id'));
    const first = ring[0]?.id ?? next;
    const missed = Number.isInteger(last) && last >= first - 1 && last < next;
    const replay = missed ? ring.filter((f) => f.id > last) : [];
    // A replay bigger than half the backlog would drop the client at once: a snapshot is less.
    if (missed && replay.reduce((n, f) => n + f.bytes.byteLength, 0) <= MAX_BACKLOG / 2) {
      for (const f of replay) client.send(f.bytes);
    } else {
      client.send(snapshotNow());
    }
    return client.response;
  }

  return {
    stream,
    /** Something may have changed that no event reports (a request through the API). */
    stale: cache.stale,
    /** Open streams now. */
    streams: () => clients.size,
    /** Snapshot builds so far. */
    builds: cache.builds,
    close: () => {
      offs.forEach((off) => off());
      clearInterval(heartbeat);
      cache.close();
      for (const c of [...clients]) c.end();
    },
  };
}
