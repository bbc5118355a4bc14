import type { Context } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { sizeOf, type Engine } from '../engine/index.js';
import { tail } from './tail.js';

/** Largest keystroke message a page may send (a paste included), in UTF-16 units. */
const MAX_INPUT = 64 * 1024;
/** Its JSON may be up to six times longer: a control byte is written `\u001b`. */
const MAX_MESSAGE = 6 * MAX_INPUT + 100;

type ClientMessage =
  { type: 'input'; data: string } | { type: 'resize'; cols: number; rows: number };

function parse(raw: unknown): ClientMessage | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_MESSAGE) return undefined;
  try {
    const m = JSON.parse(raw) as Record<string, unknown>;
    if (m['type'] === 'input' && typeof m['data'] === 'string' && m['data'].length <= MAX_INPUT) {
      return { type: 'input', data: m['data'] };
    }
    if (m['type'] === 'resize' && typeof m['cols'] === 'number' && typeof m['rows'] === 'number') {
      return { type: 'resize', cols: m['cols'], rows: m['rows'] };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

const send = (ws: WSContext, m: Record<string, unknown>): void => ws.send(JSON.stringify(m));

/**
 * `/api/terminal/:id`: the agent's screen as it is now, then everything it writes from then on
 * (read by offset from its pipe-pane log), and keystrokes and resizes back through tmux,
 * byte-exact. Messages are JSON: out `{type:'output',data}` / `{type:'size',cols,rows}` / `{type:'error',message}`,
 * in `{type:'input',data}` / `{type:'resize',cols,rows}`.
 */
export function terminalRoute(engine: Engine, upgrade: UpgradeWebSocket) {
  return upgrade((c: Context) => {
    const id = c.req.param('id') ?? '';
    let stop: (() => void) | undefined;
    let jobId = id;
    let queue: Promise<void> = Promise.resolve();
    return {
      async onOpen(_event, ws) {
        try {
          const job = await engine.get(id);
          jobId = job.id;
          const log = engine.paths.log(job.id);
          // The output is drawn for the pane's size: the page's terminal takes that size.
          const size = await engine.paneSize(job.id);
          if (size) send(ws, { type: 'size', ...size });
          const from = sizeOf(log);
          const draw = (screen: string): void =>
            send(ws, { type: 'output', data: `\x1b[2J\x1b[H${screen.replace(/\n/g, '\r\n')}` });
          const screen = await engine.capture(job.id, 500, { ansi: true }).catch(() => '');
          draw(screen);
          // Another host's agent: no log here to follow. Its host captures it on request (a
          // command row through the shared store), once a second, redrawn when it changed.
          stop = engine.hosts.elsewhere(job)
            ? poll(() => engine.capture(job.id, 500, { ansi: true }), screen, draw)
            : tail(log, from, (data) => send(ws, { type: 'output', data }));
        } catch (e) {
          send(ws, { type: 'error', message: (e as Error).message });
          ws.close(1011, 'no such job');
        }
      },
      onMessage(event, ws) {
        const m = parse(event.data);
        if (!m) return send(ws, { type: 'error', message: 'bad message' });
        // Keystrokes reach tmux one message after another, in the order they were typed.
        queue = queue.then(async () => {
          try {
            if (m.type === 'input') await engine.input(jobId, m.data);
            else await engine.resize(jobId, m.cols, m.rows);
          } catch (e) {
            send(ws, { type: 'error', message: (e as Error).message });
          }
        });
      },
      onClose() {
        stop?.();
      },
    };
  });
}

/** Ask for the screen every REMOTE_MS; draw it when it changed. Returns how to stop. */
function poll(
  capture: () => Promise<string>,
  first: string,
  draw: (s: string) => void,
): () => void {
  let last = first;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    capture()
      .then((s) => {
        if (s !== last) draw((last = s));
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, REMOTE_MS);
  return () => clearInterval(timer);
}

const REMOTE_MS = 1000;
