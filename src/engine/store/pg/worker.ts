import pg from 'pg';
import { runAsWorker } from 'synckit';
import { CHANGES_CHANNEL, type PgRequest, type PgResponse } from './protocol.js';

// Epoch milliseconds and counts are BIGINT: numbers, as SQLite gives them (2^53 is far off).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

/** How long to wait for the server before a call fails with "unreachable". */
const CONNECT_MS = 3000;
/** A server that is away is tried again after 0.25, 0.5, 1, 2, then every 4 s. */
const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4000;

interface Conn {
  url: string;
  /** Reconnects back off while the server stays away: calls fail at once until `retryAt`. */
  retryAt: number;
  backoffMs: number;
  client: pg.Client | undefined;
  /** A second connection that LISTENs: another host's commit moves `version`. */
  listener: pg.Client | undefined;
  version: number;
  /** Someone asked for the version: keep a LISTEN connection (again after a drop). */
  listening: boolean;
}

const conns = new Map<number, Conn>();

/** The server process serving `c` (node-postgres keeps it, untyped, from the handshake). */
const backendPid = (c: pg.Client | undefined): number | undefined =>
  (c as unknown as { processID?: number } | undefined)?.processID;

/**
 * A new connection to the server, unless it has been away lately: then the call fails at once
 * until `retryAt`, backing off 0.25 s → 4 s. Both connections go through here, so a server that
 * is down is not knocked on by every 20 ms look at the data version.
 */
async function reach(conn: Conn): Promise<pg.Client> {
  const now = Date.now();
  if (now < conn.retryAt)
    throw Object.assign(
      new Error(`unreachable; trying again in ${conn.retryAt - now} ms (connection backs off)`),
      { code: 'ECONNREFUSED' },
    );
  const c = new pg.Client({ connectionString: conn.url, connectionTimeoutMillis: CONNECT_MS });
  try {
    await c.connect();
  } catch (e) {
    conn.backoffMs = Math.min(conn.backoffMs * 2 || MIN_BACKOFF_MS, MAX_BACKOFF_MS);
    conn.retryAt = Date.now() + conn.backoffMs;
    throw e;
  }
  conn.backoffMs = 0;
  conn.retryAt = 0;
  return c;
}

/** The connection, opened again if the server dropped it (a restart, a network blip). */
async function client(conn: Conn): Promise<pg.Client> {
  if (conn.client) return conn.client;
  const c = await reach(conn);
  // A dropped connection is reopened on the next call; an 'error' left unheard would end the worker.
  c.on('error', () => {
    if (conn.client === c) conn.client = undefined;
  });
  conn.client = c;
  // A long-lived engine asks for the data version and LISTENs from then on; a one-shot
  // command never does and opens one connection, not two.
  if (conn.listening) void listen(conn);
  return c;
}

async function listen(conn: Conn): Promise<void> {
  if (conn.listener) return;
  try {
    const l = await reach(conn);
    // Its own commits are not news to it (SQLite's data_version moves only on another's).
    l.on('notification', (n) => {
      if (n.processId !== backendPid(conn.client)) conn.version++;
    });
    l.on('error', () => {
      if (conn.listener === l) conn.listener = undefined;
      // Whatever was announced while it was away is unknown: say "changed".
      conn.version++;
    });
    await l.query(`LISTEN ${CHANGES_CHANNEL}`);
    conn.listener = l;
  } catch {
    // Tried again at the next look, once the back-off allows.
  }
}

async function handle(req: PgRequest): Promise<PgResponse> {
  if (req.op === 'open') {
    conns.set(req.conn, {
      url: req.url,
      retryAt: 0,
      backoffMs: 0,
      client: undefined,
      listener: undefined,
      version: 0,
      listening: false,
    });
    return { ok: true, rows: [], rowCount: 0, version: 0 };
  }
  const conn = conns.get(req.conn);
  if (!conn) return { ok: false, message: 'the PostgreSQL store is closed', code: 'closed' };
  if (req.op === 'close') {
    conns.delete(req.conn);
    await Promise.allSettled([conn.client?.end(), conn.listener?.end()]);
    return { ok: true, rows: [], rowCount: 0, version: conn.version };
  }
  if (req.op === 'version') {
    conn.listening = true;
    if (!conn.listener) await listen(conn);
    return { ok: true, rows: [], rowCount: 0, version: conn.version };
  }
  const c = await client(conn);
  const r = await c.query({
    text: req.text,
    values: req.values,
    ...(req.array ? { rowMode: 'array' as const } : {}),
  });
  return { ok: true, rows: r.rows as unknown[], rowCount: r.rowCount ?? 0, version: conn.version };
}

runAsWorker(async (req: PgRequest): Promise<PgResponse> => {
  try {
    return await handle(req);
  } catch (e) {
    const err = e as Error & { code?: string };
    return { ok: false, message: err.message || String(e), code: err.code };
  }
});
