#!/usr/bin/env node
// cc-agent many-hosts bench (issue 17), on a private PostgreSQL cluster started here:
//   1. `jobs --json` with 1,000 jobs: PostgreSQL vs SQLite (whole CLI processes).
//   2. Cross-host `send`: host alpha's engine asks host beta's to type into beta's agent
//      (command row, LISTEN wake, tmux on beta, answer), against beta sending to its own.
//   3. Queue claim → agent started, with two hosts' pulses working the queue.
//   4. Idle load on the database: 2 hosts × N idle agents, both pulses live (queries/s).
//
//   node scripts/bench-hosts.mjs [--agents N] [--idle-seconds S]   (npm run bench:hosts builds)
//
// Everything lives in temp dirs, private tmux sockets and the private cluster, all removed at the
// end, also on error or Ctrl-C. A report, not a test: it always exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPgCluster } from './lib/pg-cluster.mjs';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'cc-agent.js');
const flag = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const AGENTS = flag('--agents', 20);
const IDLE_S = flag('--idle-seconds', 30);

const base = mkdtempSync(join(tmpdir(), 'cc-bench-hosts-'));
const hosts = [];
let pg;

/** A host: its own home, tmux socket and host id, sharing the cluster's store. */
function host(id, url) {
  const h = {
    id,
    socket: `cc-bench-hosts-${id}-${process.pid}`,
    env: {
      ...process.env,
      HOME: join(base, `${id}-user`),
      CC_AGENT_HOME: join(base, `${id}-home`),
      CC_AGENT_HOST_ID: id,
      CC_DEMO_SPEED: '4',
      ...(url ? { CC_AGENT_DATABASE_URL: url } : {}),
    },
  };
  h.env.CC_AGENT_TMUX_SOCKET = h.socket;
  delete h.env.TMUX;
  hosts.push(h);
  return h;
}

function run(h, args, extraEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { ...h.env, ...extraEnv },
    encoding: 'utf8',
    cwd: base,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`cc-agent ${args.join(' ')} (${h.id}): ${r.stderr.trim() || r.error}`);
  return r.stdout.trim();
}

function cleanup() {
  for (const h of hosts) {
    spawnSync(process.execPath, [cli, 'pulse', 'stop'], { env: h.env, stdio: 'ignore' });
    killTmuxServer(h.socket);
  }
  pg?.stop();
  rmSync(base, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function until(what, fn, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** 1,000 ended jobs written straight into a store through the engine's own repository. */
async function seedJobs(h, n) {
  const { createEngine } = await import(pathToFileURL(join(root, 'dist/engine/index.js')).href);
  createEngine({ home: h.env.CC_AGENT_HOME, env: h.env }); // creates and migrates the store
  const { JobsRepo } = await import(
    pathToFileURL(join(root, 'dist/engine/store/jobs-repo.js')).href
  );
  const db = h.env.CC_AGENT_DATABASE_URL
    ? (await import(pathToFileURL(join(root, 'dist/engine/store/pg/pg-open.js')).href)).openPg(
        h.env.CC_AGENT_DATABASE_URL,
        join(root, 'dist/engine/store/pg/worker.js'),
      )
    : (await import(pathToFileURL(join(root, 'dist/engine/store/db.js')).href)).openDb(
        join(h.env.CC_AGENT_HOME, 'cc-agent.db'),
      );
  const jobs = new JobsRepo(db, undefined, { id: h.id, shared: !!h.env.CC_AGENT_DATABASE_URL });
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = (0x10000000 + i).toString(16);
      jobs.insert({
        id,
        kind: 'worker',
        backend: 'demo',
        model: 'opus',
        effort: 'xhigh',
        sandbox: 'workspace-write',
        dir: '/work/p',
        prompt_preview: `task ${i}: make the thing work`,
        prompt_bytes: 30,
        session_id: null,
        tmux_session: `cc-agent-${id}`,
        tmux_socket: h.socket,
        status: 'completed',
        activity: null,
        exit_code: 0,
        error: null,
        argv: '["claude"]',
        strip_ansi: 0,
        files: '[]',
        summary: `done ${i}`,
        created_at: t0 + i * 1000,
        started_at: t0 + i * 1000,
        ended_at: t0 + i * 1000 + 60_000,
        updated_at: t0 + i * 1000 + 60_000,
      });
    }
  })();
  db.close();
}

function timeCli(h, args, runs) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run(h, args);
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function benchJobsList() {
  const url = pg.url.replace(/\/postgres$/, '/jobs_bench');
  pg.psql('CREATE DATABASE jobs_bench');
  const onPg = host('pg-jobs', url);
  const onSqlite = host('sqlite-jobs');
  await seedJobs(onPg, 1000);
  await seedJobs(onSqlite, 1000);
  const lines = (h) => JSON.parse(run(h, ['jobs', '--json'])).length;
  if (lines(onPg) !== 1000 || lines(onSqlite) !== 1000) throw new Error('seeding went wrong');
  const p = timeCli(onPg, ['jobs', '--json'], 15);
  const s = timeCli(onSqlite, ['jobs', '--json'], 15);
  process.stdout.write(
    `jobs --json, 1,000 jobs: PostgreSQL median ${ms(p)}, SQLite median ${ms(s)} (ratio ${(p / s).toFixed(2)}; 15 runs each, whole processes)\n`,
  );
}

async function engineOf(h) {
  const { createEngine } = await import(pathToFileURL(join(root, 'dist/engine/index.js')).href);
  return createEngine({ home: h.env.CC_AGENT_HOME, env: h.env });
}

async function benchSend(alpha, beta) {
  const id = run(beta, ['start', '--agent', 'demo', '--', 'ready [[say "up"]]']);
  const eb = await engineOf(beta);
  const ea = await engineOf(alpha);
  const idle = () =>
    until('the agent to wait', async () => {
      await eb.refresh();
      const j = await eb.get(id);
      return j.activity === 'waiting' || j.activity === 'idle';
    });
  await idle();
  const remote = [];
  const local = [];
  for (let i = 0; i < 15; i++) {
    for (const [engine, xs] of [
      [ea, remote],
      [eb, local],
    ]) {
      const t = performance.now();
      await engine.send(id, `ping ${i} [[say "pong"]]`);
      xs.push(performance.now() - t);
      await idle();
    }
  }
  process.stdout.write(
    `send, alpha → beta's agent: median ${ms(median(remote))} (beta to its own agent: ${ms(median(local))}; goal cross-host < 150 ms: ${median(remote) < 150 ? 'PASS' : 'FAIL'})\n`,
  );
  run(beta, ['kill', id]);
}

async function benchClaims(alpha, beta) {
  run(alpha, ['settings', 'queue.agent', 'demo']);
  const tasks = [];
  for (let i = 0; i < 12; i++)
    tasks.push(run(alpha, ['queue', 'add', '--', `bench ${i} [[say "ok"]]`]));
  const t0 = Date.now();
  for (const h of [alpha, beta]) run(h, ['pulse', 'start'], { CC_AGENT_MAX_AGENTS: '3' });
  const done = await until(
    'the 12 tasks',
    () => {
      const all = JSON.parse(run(alpha, ['queue', 'list', '--json']));
      const mine = all.filter((t) => tasks.includes(t.id));
      return mine.every((t) => t.status === 'done') ? mine : undefined;
    },
    180_000,
  );
  const jobs = new Map(JSON.parse(run(alpha, ['jobs', '--json'])).map((j) => [j.id, j]));
  const toStart = done.map(
    (t) => Date.parse(jobs.get(t.jobId).startedAt) - Date.parse(t.startedAt),
  );
  const used = new Set(done.map((t) => jobs.get(t.jobId).host));
  process.stdout.write(
    `queue claim → agent started (its session up): median ${ms(median(toStart))} over 12 tasks on ${[...used].sort().join(' and ')}; all 12 done ${((Date.now() - t0) / 1000).toFixed(1)} s after the pulses started\n`,
  );
  for (const h of [alpha, beta]) run(h, ['pulse', 'stop']);
}

async function benchIdle(alpha, beta) {
  for (const h of [alpha, beta]) {
    for (let i = 0; i < AGENTS; i++)
      run(h, ['start', '--agent', 'demo', '--', `idle ${h.id} ${i} [[say "waiting"]]`]);
    run(h, ['pulse', 'start']);
  }
  const eb = await engineOf(beta);
  await until(
    'every agent idle',
    async () => {
      const all = await eb.list(['running']);
      return (
        all.length === 2 * AGENTS &&
        all.every((j) => j.activity === 'waiting' || j.activity === 'idle')
      );
    },
    180_000,
  );
  const xacts = () =>
    Number(
      pg.psql(
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'postgres'",
      ),
    );
  // Settle: every host beat and took its look.
  await sleep(6000);
  const before = xacts();
  await sleep(IDLE_S * 1000);
  const after = xacts();
  // The two psql reads count one each.
  const qps = (after - before - 1) / IDLE_S;
  process.stdout.write(
    `idle database load, 2 hosts × ${AGENTS} idle agents, both pulses live: ${qps.toFixed(1)} statements/s over ${IDLE_S} s (pg_stat_database transactions; each statement outside a unit of work is one)\n`,
  );
}

async function main() {
  pg = await startPgCluster('bench-hosts');
  await benchJobsList();
  const alpha = host('alpha', pg.url);
  const beta = host('beta', pg.url);
  run(beta, ['pulse', 'start']);
  await benchSend(alpha, beta);
  run(beta, ['pulse', 'stop']);
  await benchClaims(alpha, beta);
  await benchIdle(alpha, beta);
}

main()
  .catch((e) => process.stderr.write(`bench-hosts: ${e.stack ?? e}\n`))
  .finally(() => {
    cleanup();
    process.exit(0);
  });
