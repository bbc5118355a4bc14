import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ENGINE_EVENTS, type Engine } from '../engine/index.js';

interface Delta {
  id: number;
  event: string;
  data: string;
}

const KEEP = 2000;
const HEARTBEAT_MS = 15_000;

/**
 * One feed per server: every engine event gets the next id and a place in a ring of the last
 * 2000, so a client that reconnects with Last-Event-ID gets exactly what it missed (or a
 * fresh snapshot if it was away too long). Events are pushed as they happen: no polling, no
 * diffing of whole states.
 */
export function eventFeed(engine: Engine) {
  let next = 1;
  const ring: Delta[] = [];
  const listeners = new Set<(d: Delta) => void>();
  const push = (event: string, data: string): void => {
    const d = { id: next++, event, data };
    ring.push(d);
    if (ring.length > KEEP) ring.shift();
    for (const l of listeners) l(d);
  };
  // Every engine event goes to the browser, typed by its name.
  const offs = ENGINE_EVENTS.map((name) =>
    engine.events.on(name, (payload) => push(name, JSON.stringify(payload))),
  );
  // What other processes commit (a `cc-agent queue add` in a shell) fires no event here:
  // checked once a tick through SQLite's data_version, and sent as a fresh snapshot.
  const changedElsewhere = engine.changeWatcher();
  offs.push(
    engine.events.on('pulse_tick', () => {
      if (listeners.size > 0 && changedElsewhere()) push('snapshot', snapshot());
    }),
  );
  const snapshot = (): string =>
    JSON.stringify({
      jobs: engine.jobsNow(),
      tasks: engine.queue.list(),
      approvals: engine.triggers.approvals(),
      triggers: engine.triggers.list(),
      orchestrator: engine.orchestrator.peek(),
    });

  function stream(c: Context): Response {
    return streamSSE(c, async (s) => {
      const last = Number(c.req.header('last-event-id'));
      const pending: Delta[] = [];
      let wake: (() => void) | undefined;
      const listener = (d: Delta): void => {
        pending.push(d);
        wake?.();
      };
      listeners.add(listener);
      let closed = false;
      s.onAbort(() => {
        closed = true;
        listeners.delete(listener);
        wake?.();
      });
      const first = ring[0]?.id ?? next;
      if (Number.isInteger(last) && last >= first - 1 && last < next) {
        pending.unshift(...ring.filter((d) => d.id > last && !pending.includes(d)));
      } else {
        await s.writeSSE({ event: 'snapshot', data: snapshot(), id: String(next - 1) });
      }
      while (!closed) {
        while (pending.length > 0) {
          const d = pending.shift() as Delta;
          await s.writeSSE({ event: d.event, data: d.data, id: String(d.id) });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          const t = setTimeout(resolve, HEARTBEAT_MS);
          t.unref();
        });
        wake = undefined;
        if (!closed && pending.length === 0) await s.write(': keep-alive\n\n');
      }
    });
  }

  return {
    stream,
    close: () => {
      offs.forEach((off) => off());
      listeners.clear();
    },
  };
}
