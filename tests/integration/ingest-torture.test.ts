import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type HookEventRecord } from '../../src/engine/index.js';
import { jobRow } from '../helpers/job-row.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Torture for the hook pipeline: many real processes relaying at once (the exact spool protocol,
 * and the real hooks/relay-event.sh), a live engine ingesting while they write, ingesters
 * SIGKILLed at random moments, and a corrupt file among good ones. Real SQLite, real files.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const RELAY = join(root, 'hooks', 'relay-event.sh');
const DIST_ENGINE = join(root, 'dist', 'engine', 'index.js');
const SOCKET = `unused-torture-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
const engineEnv = (): NodeJS.ProcessEnv => ({ ...process.env, CC_AGENT_TMUX_SOCKET: SOCKET });

/**
 * One agent relaying hook events through the spool protocol, as hooks/relay-event.sh does it:
 * `{"v":1,"job_id":…,"ts":<ms>,"payload":…}` written to `.<ns>.<pid>.tmp`, renamed to
 * `<ns>.<pid>.json`, where <ns> is epoch nanoseconds (monotonic here, so a job's files sort in
 * the order they were relayed). Each stdin line "<k>" writes the next k events; stdin's end
 * ends the agent. argv: spool, job id, agent number, every-how-many a ~1 MB payload (0: never),
 * padding bytes per payload.
 */
const WRITER = `
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [spool, jobId, agent, bigEvery, padBytes] = process.argv.slice(1);
const every = Number(bigEvery);
const pad = 'p'.repeat(Number(padBytes));
const base = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
let last = 0n;
let n = 0;
function relay() {
  let ns = base + process.hrtime.bigint();
  if (ns <= last) ns = last + 1n;
  last = ns;
  const name = ns + '.' + process.pid;
  const payload = {
    hook_event_name: n === 0 ? 'SessionStart' : n % 2 ? 'PreToolUse' : 'PostToolUse',
    agent: Number(agent),
    n,
    session_id: 'session-' + jobId,
    tool_name: 'Bash',
    tool_input: { command: 'echo ' + n, description: pad },
  };
  if (every > 0 && n % every === every - 1) payload.blob = 'x'.repeat(1000000);
  const tmp = join(spool, '.' + name + '.tmp');
  writeFileSync(tmp, '{"v":1,"job_id":"' + jobId + '","ts":' + Date.now() + ',"payload":' + JSON.stringify(payload) + '}\\n');
  renameSync(tmp, join(spool, name + '.json'));
  n++;
}
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  for (let i = buffered.indexOf('\\n'); i >= 0; i = buffered.indexOf('\\n')) {
    const k = Number(buffered.slice(0, i));
    buffered = buffered.slice(i + 1);
    for (let j = 0; j < k; j++) relay();
    process.stdout.write('wrote ' + n + '\\n');
  }
});
process.stdout.write('ready\\n');
`;

/**
 * An ingester that never stops: the built engine's refresh() in a loop, as a long-running face
 * would poll. Says "running" once its engine is open; reports what each pass stored.
 */
const INGESTER = `
const { createEngine } = await import(${JSON.stringify(DIST_ENGINE)});
const engine = createEngine({ home: process.argv[1], env: { ...process.env, CC_AGENT_TMUX_SOCKET: ${JSON.stringify(SOCKET)} } });
process.stdout.write('running\\n');
for (;;) {
  const r = await engine.refresh();
  if (r.ingested > 0 || r.quarantined > 0) process.stdout.write('ingested ' + r.ingested + ' ' + r.quarantined + '\\n');
  await new Promise((resolve) => setImmediate(resolve));
}
`;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Proc {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches; rejects if the process exits first or the time runs out. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

const live = new Set<ChildProcessWithoutNullStreams>();

function start(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Proc {
  const child = spawn(command, args, { env });
  live.add(child);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    out += d;
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: string) => (err += d));
  const exit = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => {
      live.delete(child);
      for (const w of waiters) w();
      resolve({ code, signal });
    });
  });
  return {
    child,
    exit,
    stdout: () => out,
    stderr: () => err,
    waitFor(re, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${re} from ${command} within ${timeoutMs} ms; stderr: ${err}`));
        }, timeoutMs);
        const check = (): void => {
          if (re.test(out)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`${command} exited before ${re}; stderr: ${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

const writer = (spool: string, jobId: string, agent: number, bigEvery: number, pad = 0): Proc =>
  start(process.execPath, [
    '-e',
    WRITER,
    spool,
    jobId,
    String(agent),
    String(bigEvery),
    String(pad),
  ]);

/** One event through the real relay script: payload on stdin, job id and home in the env. */
async function relayScript(home: string, jobId: string, payload: string): Promise<void> {
  const p = start('sh', [RELAY], {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    CC_AGENT_HOME: home,
    CC_AGENT_JOB_ID: jobId,
  });
  p.child.stdin.end(payload);
  const e = await p.exit;
  if (e.code !== 0) throw new Error(`relay-event.sh exited ${e.code ?? e.signal}: ${p.stderr()}`);
}

/** Resolves with `p`, or fails with `what()` once `ms` have passed. */
async function within<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Deterministic kill moments: mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  seq: number;
  job_id: string;
  event: string;
  n: number;
  blob: number | null;
}

/** The stored events, read the way any other process would: its own connection to the file. */
function storedRows(home: string): Row[] {
  const db = new Database(join(home, 'cc-agent.db'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT seq, job_id, event, json_extract(payload, '$.n') AS n,
                length(json_extract(payload, '$.blob')) AS blob
         FROM hook_events ORDER BY spool_name`,
      )
      .all() as Row[];
  } finally {
    db.close();
  }
}

/**
 * The jobs the agents relay for, each with the session its events carry ('session-<id>'):
 * an event matching no job's session is stored as an orphan and never announced. Ended, so
 * the live engine asks no tmux server about them.
 */
function addJobs(home: string, ids: readonly string[]): void {
  const db = new Database(join(home, 'cc-agent.db'));
  try {
    const cols = Object.keys(jobRow('x'));
    const insert = db.prepare(
      `INSERT INTO jobs (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`,
    );
    for (const id of ids) {
      insert.run(jobRow(id, { status: 'completed', session_id: `session-${id}`, ended_at: 1 }));
    }
  } finally {
    db.close();
  }
}

function counter(home: string, name: string): number | undefined {
  const db = new Database(join(home, 'cc-agent.db'), { readonly: true });
  try {
    return db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name) as
      number | undefined;
  } finally {
    db.close();
  }
}

/**
 * What is wrong with the stored events against what was relayed (job id -> how many, numbered
 * 0..count-1). `lost`: a missing or duplicated n, a wrong count, an unknown job; `order`: a job
 * whose timeline (by spool name, the relay's clock) is not the order they were relayed in.
 * Storage order (seq) may differ: a directory scan can miss a file renamed in meanwhile.
 */
function problems(
  rows: readonly Row[],
  expected: ReadonlyMap<string, number>,
): { lost: string[]; order: string[] } {
  const byJob = new Map<string, number[]>();
  for (const r of rows) {
    const list = byJob.get(r.job_id);
    if (list) list.push(r.n);
    else byJob.set(r.job_id, [r.n]);
  }
  const lost: string[] = [];
  const order: string[] = [];
  for (const [job, ns] of byJob) {
    if (!expected.has(job)) lost.push(`${job}: not a job anyone relayed for (${ns.length} events)`);
  }
  for (const [job, count] of expected) {
    const ns = byJob.get(job) ?? [];
    const seen = new Set<number>();
    const dups = ns.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
    const missing = Array.from({ length: count }, (_, n) => n).filter((n) => !seen.has(n));
    if (ns.length !== count) lost.push(`${job}: ${ns.length} stored, ${count} relayed`);
    if (missing.length) lost.push(`${job}: missing n ${missing.slice(0, 10).join(',')}`);
    if (dups.length) lost.push(`${job}: duplicated n ${dups.slice(0, 10).join(',')}`);
    const late = ns.findIndex((n, i) => i > 0 && n < (ns[i - 1] as number));
    if (late > 0) {
      order.push(
        `${job}: n ${ns[late]} stored after n ${ns[late - 1]} ` +
          `(by spool name: …${ns.slice(Math.max(0, late - 4), late + 4).join(',')}…)`,
      );
    }
  }
  return { lost, order };
}

const jsonFiles = (spool: string): string[] =>
  readdirSync(spool).filter((f) => f.endsWith('.json'));

describe('hook pipeline under torture (real processes, real SQLite)', () => {
  const base = mkdtempSync(join(tmpdir(), 'cc-torture-'));
  let homes = 0;
  const newHome = (): string => join(base, `home-${++homes}`);
  afterAll(async () => {
    for (const c of live) c.kill('SIGKILL');
    await Promise.all([...live].map((c) => new Promise((resolve) => c.once('close', resolve))));
    rmSync(base, { recursive: true, force: true });
  });

  it('50 agents × 200 events (some ~1 MB) and 5 relay-event.sh agents × 40, ingested live: each stored and announced exactly once, in order', async () => {
    const AGENTS = 50;
    const PER_AGENT = 200;
    const BIG_EVERY = 50; // on every 10th agent: 4 payloads of ~1 MB each
    const SCRIPT_AGENTS = 5;
    const PER_SCRIPT_AGENT = 40;
    const total = AGENTS * PER_AGENT + SCRIPT_AGENTS * PER_SCRIPT_AGENT;
    const expected = new Map<string, number>();
    for (let i = 0; i < AGENTS; i++) expected.set(`agent-${i}`, PER_AGENT);
    for (let i = 0; i < SCRIPT_AGENTS; i++) expected.set(`relay-${i}`, PER_SCRIPT_AGENT);

    const home = newHome();
    const engine = createEngine({ home, env: engineEnv() });
    addJobs(home, [...expected.keys()]);
    const spool = engine.paths.spoolDir;
    mkdirSync(spool, { recursive: true });
    const announced = new Map<number, number>();
    let announcements = 0;
    let allAnnounced!: () => void;
    const everyEvent = new Promise<void>((resolve) => (allAnnounced = resolve));
    engine.events.on('hook_event', (rec: HookEventRecord) => {
      announced.set(rec.seq, (announced.get(rec.seq) ?? 0) + 1);
      if (++announcements >= total) allAnnounced();
    });
    const errors: unknown[] = [];
    const watching = await engine.live({ onError: (e) => errors.push(e) });
    try {
      const agents = Array.from({ length: AGENTS }, (_, i) =>
        writer(spool, `agent-${i}`, i, i % 10 === 0 ? BIG_EVERY : 0),
      );
      await Promise.all(agents.map((a) => a.waitFor(/^ready$/m)));
      // All at once: every agent relays its 200 events while the script agents relay theirs.
      for (const a of agents) a.child.stdin.end(`${PER_AGENT}\n`);
      const scripted = Array.from({ length: SCRIPT_AGENTS }, async (_, i) => {
        for (let n = 0; n < PER_SCRIPT_AGENT; n++) {
          const payload = {
            hook_event_name: n % 2 ? 'PreToolUse' : 'PostToolUse',
            agent: AGENTS + i,
            n,
            session_id: `session-relay-${i}`,
            tool_name: 'Read',
            tool_input: { file_path: `/work/file-${n}.ts` },
          };
          await relayScript(home, `relay-${i}`, JSON.stringify(payload));
        }
      });
      const exits = await Promise.all(agents.map((a) => a.exit));
      exits.forEach((e, i) => expect(e, agents[i]?.stderr()).toEqual({ code: 0, signal: null }));
      for (const a of agents) expect(a.stdout()).toContain(`wrote ${PER_AGENT}\n`);
      await Promise.all(scripted);
      await within(
        everyEvent,
        30_000,
        () =>
          `only ${announcements} of ${total} events announced 30 s after the last was relayed; ` +
          `${jsonFiles(spool).length} .json files still in the spool`,
      );
    } finally {
      await watching.stop();
      engine.close();
    }

    expect(errors).toEqual([]);
    const rows = storedRows(home);
    const found = problems(rows, expected);
    expect(found.lost).toEqual([]);
    expect(rows).toHaveLength(total);
    // The big payloads arrived whole.
    const big = rows.filter((r) => r.blob !== null);
    expect(big).toHaveLength((AGENTS / 10) * (PER_AGENT / BIG_EVERY));
    expect(big.every((r) => r.blob === 1_000_000 && r.n % BIG_EVERY === BIG_EVERY - 1)).toBe(true);
    // Each stored event was announced once, and nothing else was.
    expect(announced.size).toBe(total);
    expect([...announced.values()].every((times) => times === 1)).toBe(true);
    expect(rows.every((r) => announced.get(r.seq) === 1)).toBe(true);
    // The spool is empty: no file left, none quarantined, no temp file.
    expect(readdirSync(spool)).toEqual([]);
    expect(counter(home, 'spool_quarantined')).toBeUndefined();
    // Per job, the timeline follows the order the agent relayed them.
    expect(found.order).toEqual([]);
  });

  it('ingesters SIGKILLed at random moments while agents relay ~3,000 events lose none and store none twice', async () => {
    expect(existsSync(DIST_ENGINE), `${DIST_ENGINE} is missing: run npm run build`).toBe(true);
    const WRITERS = 10;
    const KILLS = 15;
    const BURST = 20; // events per writer per ingester lifetime: 10 × 20 × 15 = 3,000
    const SEED = 0x5eed2024;
    const MAX_DELAY_MS = 250;
    const expected = new Map<string, number>();
    for (let i = 0; i < WRITERS; i++) expected.set(`crash-${i}`, BURST * KILLS);

    const home = newHome();
    createEngine({ home, env: engineEnv() }).close(); // the schema exists before anyone ingests
    const spool = join(home, 'spool');
    mkdirSync(spool, { recursive: true });
    const agents = Array.from({ length: WRITERS }, (_, i) =>
      writer(spool, `crash-${i}`, i, 0, 800),
    );
    await Promise.all(agents.map((a) => a.waitFor(/^ready$/m)));

    const random = prng(SEED);
    const delays: number[] = [];
    let reported = 0;
    for (let k = 0; k < KILLS; k++) {
      const ingester = start(
        process.execPath,
        ['--input-type=module', '-e', INGESTER, home],
        engineEnv(),
      );
      await ingester.waitFor(/^running$/m);
      for (const a of agents) a.child.stdin.write(`${BURST}\n`);
      // The first one is killed only after it stored something, so the run proves killed
      // ingesters did real work even on a loaded machine; the rest die at random moments.
      if (k === 0) await ingester.waitFor(/^ingested [1-9]\d* 0$/m);
      const delay = Math.floor(random() * MAX_DELAY_MS);
      delays.push(delay);
      await sleep(delay); // the kill moment, drawn from the seeded PRNG
      ingester.child.kill('SIGKILL');
      const e = await ingester.exit;
      // It was still running when killed: it did not die of something else first.
      expect(e, `ingester ${k} (after ${delay} ms): ${ingester.stderr()}`).toEqual({
        code: null,
        signal: 'SIGKILL',
      });
      for (const m of ingester.stdout().matchAll(/^ingested (\d+) 0$/gm)) reported += Number(m[1]);
    }
    for (const a of agents) a.child.stdin.end();
    const exits = await Promise.all(agents.map((a) => a.exit));
    exits.forEach((e, i) => expect(e, agents[i]?.stderr()).toEqual({ code: 0, signal: null }));
    for (const a of agents) expect(a.stdout()).toContain(`wrote ${BURST * KILLS}\n`);

    // The writers are done: one last, uninterrupted ingest picks up what is left.
    const engine = createEngine({ home, env: engineEnv() });
    try {
      const last = await engine.refresh();
      expect(last.quarantined).toBe(0);
      expect(await engine.refresh()).toEqual({ ingested: 0, quarantined: 0 });
    } finally {
      engine.close();
    }

    const rows = storedRows(home);
    const found = problems(rows, expected);
    expect(found.lost).toEqual([]);
    expect(rows).toHaveLength(WRITERS * BURST * KILLS);
    expect(new Set(rows.map((r) => `${r.job_id}/${r.n}`)).size).toBe(rows.length);
    expect(jsonFiles(spool)).toEqual([]);
    expect(readdirSync(spool)).toEqual([]); // no temp file, nothing quarantined
    // The killed ingesters did real work (what they reported before dying, at least).
    expect(reported).toBeGreaterThan(0);
    expect(delays).toHaveLength(KILLS);
    expect(found.order).toEqual([]);
  });

  it('a truncated spool file among good ones is quarantined and counted once; the rest are ingested', async () => {
    const home = newHome();
    const engine = createEngine({ home, env: engineEnv() });
    addJobs(home, ['corrupt-0']);
    const spool = engine.paths.spoolDir;
    mkdirSync(spool, { recursive: true });
    const seen: HookEventRecord[] = [];
    engine.events.on('hook_event', (rec: HookEventRecord) => seen.push(rec));
    const errors: unknown[] = [];
    const watching = await engine.live({ onError: (e) => errors.push(e) });
    const GOOD = 30;
    const BAD_AT = 12;
    let badName = '';
    let badText = '';
    try {
      const t0 = BigInt(Date.now()) * 1_000_000n;
      for (let n = 0; n <= GOOD; n++) {
        const name = `${String(t0 + BigInt(n))}.${process.pid}`;
        const payload = {
          hook_event_name: 'PostToolUse',
          session_id: 'session-corrupt-0',
          agent: 0,
          n: n > BAD_AT ? n - 1 : n,
        };
        let text = `{"v":1,"job_id":"corrupt-0","ts":${Date.now()},"payload":${JSON.stringify(payload)}}\n`;
        if (n === BAD_AT) {
          text = text.slice(0, text.length - 12); // cut off mid-payload
          badName = `${name}.json`;
          badText = text;
        }
        writeFileSync(join(spool, `.${name}.tmp`), text);
        renameSync(join(spool, `.${name}.tmp`), join(spool, `${name}.json`));
      }
      await waitFor(
        () => seen.length >= GOOD && jsonFiles(spool).length === 0,
        `${GOOD} good events ingested and the spool emptied`,
      );
    } finally {
      await watching.stop();
      engine.close();
    }
    expect(errors).toEqual([]);

    // Looking again (another process, later) neither retries nor recounts it.
    const again = createEngine({ home, env: engineEnv() });
    try {
      expect(await again.refresh()).toEqual({ ingested: 0, quarantined: 0 });
    } finally {
      again.close();
    }
    const rows = storedRows(home);
    expect(problems(rows, new Map([['corrupt-0', GOOD]]))).toEqual({ lost: [], order: [] });
    expect(seen.map((r) => r.seq)).toEqual(rows.map((r) => r.seq));
    expect(counter(home, 'spool_quarantined')).toBe(1);
    const quarantine = join(spool, 'quarantine');
    expect(readdirSync(quarantine)).toEqual([badName]);
    expect(readFileSync(join(quarantine, badName), 'utf8')).toBe(badText);
    expect(readdirSync(spool)).toEqual(['quarantine']);
  });
});
