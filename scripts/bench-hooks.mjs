#!/usr/bin/env node
// cc-agent hook-pipeline bench: what a hook costs the agent, how fast the engine ingests the
// spool, how soon a subscriber hears of a hook, and whether `jobs --json` stays fast when a
// thousand finished jobs left a gigabyte of transcripts behind. Compares with the targets.
//
//   node scripts/bench-hooks.mjs [--runs N] [--quick]      (npm run bench:hooks builds first)
//
// Everything lives in a private temp dir (CC_AGENT_HOME, HOME) with an unused tmux socket name
// (-L cc-bench-hooks-<pid>), so neither ~/.cc-agent nor ~/.claude nor your tmux server is
// touched; the dir is removed at the end, also on error or Ctrl-C. It needs ~1.1 GB of free
// space in the temp dir for a moment. It is a report, not a test: it always exits 0.
//
// "p90" is the worse tail: the 90th percentile of a time, the 10th percentile of a rate.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const relayPath = join(root, 'hooks', 'relay-event.sh');
const enginePath = join(root, 'dist', 'engine', 'index.js');
const cliPath = join(root, 'bin', 'cc-agent.js');
const fixture = join(root, 'tests', 'fixtures', 'claude-code-2.1.331', 'transcript-sample.jsonl');

const RELAY_SAMPLES = 200;
const INGEST_FILES = 20_000;
const LATENCY_SPACING_MS = 4;
const FINISHED_JOBS = 1000;
const TRANSCRIPT_BYTES = 1024 * 1024;

function parseArgs(argv) {
  let runs = 15;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') {
      runs = 5;
      quick = true;
    } else if (a === '--runs') runs = Number(argv[++i]);
    else if (a.startsWith('--runs=')) runs = Number(a.slice('--runs='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node scripts/bench-hooks.mjs [--runs N] [--quick]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench-hooks: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write('bench-hooks: --runs wants a positive whole number\n');
    process.exit(2);
  }
  return { runs, quick };
}

const { runs, quick } = parseArgs(process.argv.slice(2));
const base = mkdtempSync(join(tmpdir(), 'cc-bench-hooks-'));
const userHome = join(base, 'user');
const socket = `cc-bench-hooks-${process.pid}`;
mkdirSync(userHome, { recursive: true });
const env = { ...process.env, HOME: userHome, CC_AGENT_TMUX_SOCKET: socket };
delete env.TMUX;
delete env.CC_AGENT_HOME;
let homes = 0;
/** A fresh CC_AGENT_HOME inside the temp dir. */
const newHome = (name) => join(base, `${name}-${++homes}`);

const children = new Set();
let cleaned = false;
/** Stop what we started, then remove the temp dir (and a tmux socket, were one ever made). */
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const c of children) c.kill('SIGKILL');
  killTmuxServer(socket);
  try {
    rmSync(base, { recursive: true, force: true, maxRetries: 5 });
  } catch (e) {
    process.stderr.write(`bench-hooks: could not remove ${base}: ${e.message}\n`);
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    process.stdout.write(`\nbench-hooks interrupted (${sig})\n`);
    cleanup();
    report();
    process.exit(0);
  });
}

/** Nearest-rank percentile of an ascending sample. */
const rank = (s, p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
function stats(samples, higherIsBetter = false) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    median: rank(s, 0.5),
    p90: higherIsBetter ? rank(s, 0.1) : rank(s, 0.9),
    p99: rank(s, 0.99),
    n: s.length,
  };
}

const fmtMs = (ms) =>
  ms === undefined
    ? '—'
    : `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
const fmtRate = (r) => (r === undefined ? '—' : `${Math.round(r).toLocaleString('en-US')} ev/s`);
const fmtBytes = (b) =>
  b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(2)} GiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`;

const results = [];

/**
 * One target: `collect` returns its samples (and a note); `goal` says which statistic is judged
 * against what: { stat: 'median' | 'p99', max } for times, { stat: 'median', min } for rates.
 */
async function measure(name, goal, collect) {
  process.stdout.write(`${name} …`);
  const rate = goal.min !== undefined;
  const fmt = rate ? fmtRate : fmtMs;
  try {
    // Flush what the previous target wrote (20,000-file spools, a gigabyte of transcripts) so
    // its disk writeback does not land in this target's timings.
    spawnSync('sync', [], { stdio: 'ignore' });
    const { samples, note = '' } = await collect();
    const s = stats(samples, rate);
    const value = s[goal.stat];
    const pass = rate ? value >= goal.min : value < goal.max;
    process.stdout.write(
      ` median ${fmt(s.median)}, p90 ${fmt(s.p90)}${goal.stat === 'p99' ? `, p99 ${fmt(s.p99)}` : ''} (n=${s.n})\n`,
    );
    results.push({ name, goal, fmt, ...s, pass, note });
  } catch (e) {
    process.stdout.write(` error: ${e.message}\n`);
    results.push({ name, goal, fmt, error: e.message });
  }
}

/** Let Ctrl-C and timers through between synchronous runs. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** A spool file name as the relay makes it: epoch nanoseconds, then a pid. */
function nameClock() {
  const offset = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
  let last = 0n;
  return (pid = process.pid) => {
    let ns = offset + process.hrtime.bigint();
    if (ns <= last) ns = last + 1n;
    last = ns;
    return `${ns}.${pid}`;
  };
}

/** A PreToolUse payload as Claude Code sends it, about `bytes` long. */
function typicalPayload(n, bytes = 1024) {
  const p = {
    session_id: BENCH_SESSION,
    transcript_path:
      '/home/dev/.claude/projects/-home-dev-proj/11111111-2222-4333-8444-555555555555.jsonl',
    cwd: '/home/dev/proj',
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: `npm test -- --run shard-${n}`, description: '' },
    tool_use_id: `toolu_bench_${n}`,
  };
  const short = JSON.stringify(p).length;
  p.tool_input.description = 'Run the test suite for this shard '
    .repeat(40)
    .slice(0, bytes - short);
  return JSON.stringify(p);
}

const envelope = (jobId, payload) =>
  `{"v":1,"job_id":"${jobId}","ts":${Date.now()},"payload":${payload}}\n`;

const BENCH_SESSION = '11111111-2222-4333-8444-555555555555';

/**
 * The jobs the bench relays for, in the session its payloads carry: an event that matches no
 * job's session is an orphan (stored, never applied or announced), not what agents send.
 * Ended, so no tmux server is asked about them.
 */
function addJobs(home, ids) {
  const db = new Database(join(home, 'cc-agent.db'));
  const insert = db.prepare(
    `INSERT INTO jobs (id, backend, sandbox, dir, prompt_preview, prompt_bytes, session_id,
       tmux_session, status, argv, created_at, ended_at, updated_at)
     VALUES (?, 'demo', 'workspace-write', '/bench', 'bench', 5, ?, ?, 'completed', '[]', 1, 1, 1)`,
  );
  for (const id of ids) insert.run(id, BENCH_SESSION, `cc-agent-${id}`);
  db.close();
}

/** What `du` says the tree takes on disk (falls back to the sum of file sizes). */
function diskUsed(dir) {
  const du = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
  const kb = Number.parseInt(du.stdout ?? '', 10);
  if (du.status === 0 && Number.isFinite(kb)) return kb * 1024;
  let sum = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) sum += statSync(join(e.parentPath ?? e.path, e.name)).size;
  }
  return sum;
}

// 1. What one hook costs the agent: the relay script, start to exit.
async function benchRelay() {
  const home = newHome('relay');
  const spool = join(home, 'spool');
  const relayEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: userHome,
    CC_AGENT_HOME: home,
    CC_AGENT_JOB_ID: 'benchrelay',
    CC_AGENT_HOOK_KEY: '0123456789abcdef0123456789abcdef',
  };
  const payload = typicalPayload(0);
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sh', [relayPath], { input: payload, env: relayEnv });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`relay-event.sh exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  const floorOnce = () => {
    const t0 = process.hrtime.bigint();
    spawnSync('sh', ['-c', ':'], { env: relayEnv });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 10; i++) once(); // warm-up: page cache, the spool dir exists
  const written = readdirSync(spool).filter((f) => f.endsWith('.json'));
  if (written.length !== 10) throw new Error(`the relay wrote ${written.length} of 10 files`);
  const text = readFileSync(join(spool, written[0]), 'utf8');
  if (JSON.parse(text).payload.tool_use_id !== 'toolu_bench_0') {
    throw new Error('the relay wrote an unexpected envelope');
  }
  const n = Math.max(RELAY_SAMPLES, runs * 20);
  const samples = [];
  const floor = [];
  for (let i = 0; i < n; i++) {
    samples.push(once());
    if (i % 4 === 0) floor.push(floorOnce());
    if (i % 50 === 49) {
      rmSync(spool, { recursive: true, force: true });
      mkdirSync(spool);
      await breathe();
    }
  }
  rmSync(home, { recursive: true, force: true });
  return {
    samples,
    note: `${Buffer.byteLength(payload)} B payload; spawning \`sh -c :\` alone: median ${fmtMs(stats(floor).median)}`,
  };
}

// 2. Ingest throughput: a spool with 20,000 files, one refresh().
async function benchIngest(createEngine) {
  const prefill = (home, count) => {
    const spool = join(home, 'spool');
    mkdirSync(spool, { recursive: true });
    const name = nameClock();
    for (let i = 0; i < count; i++) {
      const n = name(40_000 + (i % 50)); // 50 agents' pids
      const tmp = join(spool, `.${n}.tmp`);
      writeFileSync(tmp, envelope(`agent${i % 50}`, typicalPayload(i)));
      renameSync(tmp, join(spool, `${n}.json`));
    }
  };
  const once = async (count) => {
    const home = newHome('ingest');
    const engine = createEngine({ home, env });
    try {
      addJobs(
        home,
        Array.from({ length: 50 }, (_, i) => `agent${i}`),
      );
      prefill(home, count);
      await breathe();
      const t0 = process.hrtime.bigint();
      const r = await engine.refresh();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.ingested !== count) throw new Error(`ingested ${r.ingested} of ${count}`);
      const left = readdirSync(join(home, 'spool')).filter((f) => f.endsWith('.json'));
      if (left.length) throw new Error(`${left.length} files left in the spool`);
      return { rate: count / (ms / 1000), ms };
    } finally {
      engine.close();
      rmSync(home, { recursive: true, force: true });
    }
  };
  await once(2000); // warm-up: code paths, page cache
  const samples = [];
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await once(INGEST_FILES);
    samples.push(r.rate);
    times.push(r.ms);
    process.stdout.write('.');
  }
  return {
    samples,
    note: `${INGEST_FILES.toLocaleString('en-US')} files of ~1.1 KB, in-process refresh(); median ${fmtMs(stats(times).median)} per batch`,
  };
}

/**
 * 3. Hook written → `hook_event` heard: a separate writer process relays events a few ms apart,
 * telling us (stdout) the instant just before each rename; the subscriber notes when it hears.
 */
const LATENCY_WRITER = `
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [spool, count, spacing, session] = process.argv.slice(1);
const offset = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
const now = () => performance.timeOrigin + performance.now();
let n = 0;
const tick = () => {
  const name = String(offset + process.hrtime.bigint()) + '.' + process.pid;
  const tmp = join(spool, '.' + name + '.tmp');
  writeFileSync(tmp, '{"v":1,"job_id":"latency","ts":' + Date.now() + ',"payload":{"hook_event_name":"PostToolUse","session_id":"' + session + '","tool_name":"Bash","n":' + n + '}}\\n');
  const t = now();
  renameSync(tmp, join(spool, name + '.json'));
  process.stdout.write(n + ' ' + t + '\\n');
  if (++n < Number(count)) setTimeout(tick, Number(spacing));
};
tick();
`;

async function benchLatency(createEngine) {
  const home = newHome('latency');
  const engine = createEngine({ home, env });
  addJobs(home, ['latency']);
  const heard = new Map();
  engine.events.on('hook_event', (rec) => {
    heard.set(rec.payload.n, performance.timeOrigin + performance.now());
  });
  const errors = [];
  const live = await engine.live({ onError: (e) => errors.push(e) });
  const count = quick ? 300 : Math.max(300, runs * 60);
  try {
    const child = spawn(process.execPath, [
      '-e',
      LATENCY_WRITER,
      engine.paths.spoolDir,
      String(count),
      String(LATENCY_SPACING_MS),
      BENCH_SESSION,
    ]);
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    children.delete(child);
    if (code !== 0) throw new Error(`writer exited ${code}: ${err.trim()}`);
    const deadline = Date.now() + 10_000;
    while (heard.size < count && Date.now() < deadline) await sleep(10);
    if (errors.length) throw new Error(`live ingest failed: ${errors[0]}`);
    if (heard.size < count) throw new Error(`heard ${heard.size} of ${count} events`);
    const samples = out
      .trim()
      .split('\n')
      .map((line) => {
        const [n, t] = line.split(' ').map(Number);
        return heard.get(n) - t;
      });
    return {
      samples,
      note: `${count} events ${LATENCY_SPACING_MS} ms apart from another process; engine.live() watcher`,
    };
  } finally {
    await live.stop();
    engine.close();
    rmSync(home, { recursive: true, force: true });
  }
}

// 4. `jobs --json` over 1,000 finished jobs whose transcripts total ~1 GB.

/**
 * A transcript's assistant record (the fixture's), cut around what varies per line: returns
 * `line(values)` that fills the slots in whatever order the record has them.
 */
function assistantTemplate() {
  const source = readFileSync(fixture, 'utf8')
    .split('\n')
    .find((l) => l.includes('"type":"assistant"') && l.includes('"usage"'));
  if (!source) throw new Error(`no assistant record with usage in ${fixture}`);
  const r = JSON.parse(source);
  const slots = {
    parent: '\u0001',
    id: '\u0002',
    text: '\u0003',
    request: '\u0004',
    uuid: '\u0005',
  };
  r.parentUuid = slots.parent;
  r.message.id = slots.id;
  r.message.content = [{ type: 'text', text: slots.text }];
  r.requestId = slots.request;
  r.uuid = slots.uuid;
  r.message.usage.input_tokens = 1_111_111_111;
  r.message.usage.output_tokens = 2_222_222_222;
  const names = new Map([
    ...Object.entries(slots).map(([k, v]) => [JSON.stringify(v), k]),
    ['1111111111', 'input'],
    ['2222222222', 'output'],
  ]);
  const pieces = JSON.stringify(r).split(/("\\u000[1-5]"|1111111111|2222222222)/);
  const order = pieces.filter((_, i) => i % 2 === 1).map((p) => names.get(p));
  if (order.length !== 7 || new Set(order).size !== 7) {
    throw new Error('the fixture record did not template');
  }
  const literal = pieces.filter((_, i) => i % 2 === 0);
  const line = (values) => {
    let out = literal[0];
    for (let i = 0; i < order.length; i++) out += values[order[i]] + literal[i + 1];
    return out + '\n';
  };
  return { line, model: r.message.model, usage: r.message.usage };
}

function seedFinishedJobs(home) {
  const { line: record, model, usage } = assistantTemplate();
  const projects = join(userHome, '.claude', 'projects', '-home-dev-proj');
  mkdirSync(projects, { recursive: true });
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const text = 'Done: the tests pass and the change is committed. '.repeat(6);
  const db = new Database(join(home, 'cc-agent.db'));
  let bytes = 0;
  try {
    const insertJob = db.prepare(
      `INSERT INTO jobs (id, kind, backend, model, effort, sandbox, dir, prompt_preview, prompt_bytes,
         session_id, tmux_session, tmux_socket, status, activity, exit_code, error, argv, strip_ansi,
         files, summary, created_at, started_at, ended_at, updated_at, last_event_at,
         input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, cost_usd,
         context_pct, tool_calls, primary_tool, files_modified, messages)
       VALUES (@id, 'worker', 'claude', @model, 'medium', 'workspace-write', '/home/dev/proj',
         @prompt, @promptBytes, @session, @tmuxSession, @socket, 'completed', NULL, 0, NULL,
         @argv, 0, '[]', @summary, @created, @started, @ended, @ended, @ended,
         @input, @output, @cacheRead, @cacheWrite, @cost, 12, 0, NULL, '[]', @messages)`,
    );
    const insertTranscript = db.prepare('INSERT INTO transcripts (job_id, state) VALUES (?, ?)');
    const t0 = Date.now() - 30 * 86_400_000;
    for (let j = 0; j < FINISHED_JOBS; j++) {
      const id = (0x10000000 + j).toString(16);
      const session = randomUUID();
      const path = join(projects, `${session}.jsonl`);
      const lines = [];
      let size = 0;
      let input = 0;
      let output = 0;
      let parent = randomUUID();
      const ids = [];
      for (let i = 0; size < TRANSCRIPT_BYTES; i++) {
        const mid = `msg_${id}_${i}`;
        const uuid = `${id}-${i}-${parent.slice(0, 8)}`;
        const inTok = 1000 + (i % 97);
        const outTok = 20 + (i % 400);
        const line = record({
          parent: JSON.stringify(parent),
          id: JSON.stringify(mid),
          text: JSON.stringify(`Step ${i}: ${text}`),
          request: JSON.stringify(`req_${id}_${i}`),
          uuid: JSON.stringify(uuid),
          input: inTok,
          output: outTok,
        });
        lines.push(line);
        size += Buffer.byteLength(line);
        input += inTok;
        output += outTok;
        parent = uuid;
        ids.push(mid);
      }
      if (j === 0) {
        // The template must give records the transcript reader understands.
        const r = JSON.parse(lines[0]);
        if (r.type !== 'assistant' || r.message.id !== `msg_${id}_0`) {
          throw new Error('a seeded transcript record came out malformed');
        }
        if (r.message.usage.input_tokens !== 1000 || r.message.usage.output_tokens !== 20) {
          throw new Error('a seeded transcript record has the wrong usage');
        }
      }
      const content = lines.join('');
      writeFileSync(path, content);
      const fileSize = statSync(path).size;
      bytes += fileSize;
      const n = lines.length;
      const cost = (input * 5 + output * 25 + n * (cacheWrite * 6.25 + cacheRead * 0.5)) / 1e6;
      const state = {
        path,
        offset: fileSize, // read to the end: nothing left to read
        stats: {
          inputTokens: input,
          outputTokens: output,
          cacheCreationTokens: n * cacheWrite,
          cacheReadTokens: n * cacheRead,
          costUsd: cost,
          costEstimated: false,
          contextTokens: 1000 + ((n - 1) % 97) + cacheWrite + cacheRead,
          model,
          toolCalls: {},
          filesModified: [],
          userMessages: 1,
          assistantMessages: n,
          lastAssistantText: `Step ${n - 1}: ${text}`,
          compactions: 0,
        },
        seenIds: ids.slice(-500),
        lastMessage: null,
      };
      const created = t0 + j * 60_000;
      db.transaction(() => {
        insertJob.run({
          id,
          model,
          prompt: `finished job ${j}: fix the flaky test in shard ${j % 16}`,
          promptBytes: 60,
          session,
          tmuxSession: `cc-agent-${id}`,
          socket,
          argv: JSON.stringify(['claude', '--session-id', session]),
          summary: `Done: fixed shard ${j % 16}`,
          created,
          started: created + 200,
          ended: created + 45_000,
          input,
          output,
          cacheRead: n * cacheRead,
          cacheWrite: n * cacheWrite,
          cost,
          messages: n + 1,
        });
        insertTranscript.run(id, JSON.stringify(state));
      })();
      if (j % 100 === 99) process.stdout.write('+');
    }
  } finally {
    db.close();
  }
  return bytes;
}

async function benchJobsList(createEngine) {
  const home = newHome('jobs');
  createEngine({ home, env }).close(); // the schema, as the CLI would create it
  const cliEnv = { ...env, CC_AGENT_HOME: home };
  process.stdout.write(' seeding ');
  const transcriptBytes = seedFinishedJobs(home);
  process.stdout.write(' ');
  const used = diskUsed(base);
  const cli = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cliPath, 'jobs', '--json'], {
      env: cliEnv,
      cwd: base,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`jobs --json exited ${r.status}: ${r.stderr.trim()}`);
    return { ms, stdout: r.stdout };
  };
  const first = JSON.parse(cli().stdout); // also the warm-up
  if (first.length !== FINISHED_JOBS || first.some((j) => j.status !== 'completed')) {
    throw new Error(`jobs --json listed ${first.length} jobs, expected ${FINISHED_JOBS} completed`);
  }
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(cli().ms);
    process.stdout.write('.');
    await breathe();
  }
  return {
    samples,
    note: `transcripts ${fmtBytes(transcriptBytes)}; disk used ${fmtBytes(used)}`,
    used,
  };
}

async function main() {
  if (!existsSync(enginePath) || !existsSync(join(root, 'dist', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const { createEngine } = await import(pathToFileURL(enginePath).href);
  const sh = spawnSync('sh', ['-c', 'command -v sh'], { encoding: 'utf8' });
  process.stdout.write(
    `cc-agent hook bench: ${runs} runs per target${quick ? ' (--quick)' : ''}, node ${process.version}, sh ${sh.stdout.trim()}, home ${base}\n`,
  );

  await measure('relay-event.sh, one ~1 KB event', { stat: 'median', max: 5 }, benchRelay);
  await measure(
    `ingest ${INGEST_FILES.toLocaleString('en-US')} spool files`,
    { stat: 'median', min: 20_000 },
    () => benchIngest(createEngine),
  );
  await measure('hook written → hook_event heard (live)', { stat: 'p99', max: 50 }, () =>
    benchLatency(createEngine),
  );
  let used;
  await measure(
    `cc-agent jobs --json (${FINISHED_JOBS} finished, ~1 GB transcripts)`,
    { stat: 'median', max: 250 },
    async () => {
      const r = await benchJobsList(createEngine);
      used = r.used;
      return r;
    },
  );
  if (used !== undefined) process.stdout.write(`disk used by the bench home: ${fmtBytes(used)}\n`);
}

function report() {
  const rows = results.map((r) => {
    const goal =
      r.goal.min !== undefined
        ? `${r.goal.stat} ≥ ${r.fmt(r.goal.min)}`
        : `${r.goal.stat} < ${r.fmt(r.goal.max)}`;
    return [
      r.name,
      r.fmt(r.median),
      r.fmt(r.p90),
      r.goal.stat === 'p99' ? r.fmt(r.p99) : '',
      goal,
      r.error ? 'FAIL (error)' : r.pass ? 'PASS' : 'FAIL',
      r.error ?? r.note ?? '',
    ];
  });
  const head = ['target', 'median', 'p90', 'p99', 'goal', 'result', 'note'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells) =>
    cells
      .map((x, c) => x.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `\n${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`,
  );
}

try {
  await main();
} catch (e) {
  process.stdout.write(`\nbench-hooks stopped early: ${e.message}\n`);
} finally {
  cleanup();
  report();
}
process.exitCode = 0;
