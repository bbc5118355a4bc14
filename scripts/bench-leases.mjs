#!/usr/bin/env node
// cc-agent file-lease bench: what the lease costs inside the PreToolUse hook (it sits on every
// edit), and how soon a live engine announces `file_conflict` after a second agent's hook
// starts, with 50 agents holding files. Compares with the targets.
//
//   node scripts/bench-leases.mjs [--runs N]      (npm run bench:leases builds first)
//
// Everything lives in a private temp dir (CC_AGENT_HOME, HOME) and a private tmux socket
// (-L cc-bench-leases-<pid>) whose 50 sessions stand in for the agents' panes; all of it is
// removed at the end, also on error or Ctrl-C. A report, not a test: it always exits 0.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const relay = join(root, 'hooks', 'relay-event.sh');
const enginePath = join(root, 'dist', 'engine', 'index.js');
const AGENTS = 50;
const FILES_EACH = 5;
const SESSION = '11111111-2222-4333-8444-555555555555';

const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 200;
if (!Number.isInteger(runs) || runs < 10) {
  process.stderr.write('bench-leases: --runs wants a whole number of at least 10\n');
  process.exit(2);
}

const base = mkdtempSync(join(tmpdir(), 'cc-bench-leases-'));
const home = join(base, 'home');
const work = join(base, 'work');
const socket = `cc-bench-leases-${process.pid}`;
mkdirSync(join(home, 'spool'), { recursive: true });
mkdirSync(work);
const env = { ...process.env, HOME: join(base, 'user'), CC_AGENT_HOME: home };
delete env.TMUX;
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  killTmuxServer(socket);
  rmSync(base, { recursive: true, force: true, maxRetries: 5 });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    cleanup();
    process.exit(0);
  });
}

const rank = (s, p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: rank(s, 0.5), p90: rank(s, 0.9), p99: rank(s, 0.99), n: s.length };
};
const ms = (x) => `${x.toFixed(2)} ms`;
const now = () => performance.timeOrigin + performance.now();
const id = (i) => `agent${String(i).padStart(2, '0')}`;
const file = (owner, k) => join(work, `${id(owner)}-file${k}.ts`);

const payload = (tool, input) =>
  JSON.stringify({
    session_id: SESSION,
    transcript_path: `/home/dev/.claude/projects/-x/${SESSION}.jsonl`,
    cwd: work,
    permission_mode: 'acceptEdits',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: 'toolu_bench',
  });
// ~1 KB: a typical small edit.
const editOf = (path) =>
  payload('Edit', { file_path: path, old_string: 'x'.repeat(400), new_string: 'y'.repeat(400) });

/** Run the relay as the agent's hook would; resolves with its exit code. */
function runRelay(job, input, lease = true) {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', lease ? [relay, '--lease'] : [relay], {
      cwd: work,
      env: { ...env, CC_AGENT_JOB_ID: job, CC_AGENT_RUNNER_PID: String(process.pid) },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
    child.stdin.end(input);
  });
}

async function timed(job, input, lease) {
  const t = now();
  await runRelay(job, input, lease);
  return now() - t;
}

const results = [];
function report(name, samples, goal) {
  const s = stats(samples);
  const pass = s.p99 < goal;
  results.push({ name, ...s, goal, pass });
  process.stdout.write(
    `${name}: median ${ms(s.median)}, p90 ${ms(s.p90)}, p99 ${ms(s.p99)} (n=${s.n}) — goal p99 < ${goal} ms: ${pass ? 'PASS' : 'FAIL'}\n`,
  );
}

async function main() {
  if (!existsSync(enginePath)) throw new Error('dist/ is missing: run `npm run build` first');
  const { createEngine } = await import(pathToFileURL(enginePath).href);
  const engine = createEngine({ home, env });
  // 50 live agents: a tmux session each (what the engine's reconcile checks), a running job.
  for (let i = 0; i < AGENTS; i++) {
    const args = ['-L', socket, 'new-session', '-d', '-s', `cc-agent-${id(i)}`, 'sleep', '3600'];
    const r = spawnSync('tmux', args);
    if (r.status !== 0) throw new Error(`tmux: ${String(r.stderr).trim()}`);
  }
  const db = new Database(join(home, 'cc-agent.db'));
  const insert = db.prepare(
    `INSERT INTO jobs (id, backend, sandbox, dir, prompt_preview, prompt_bytes, session_id,
       tmux_session, tmux_socket, status, argv, created_at, started_at, updated_at)
     VALUES (?, 'demo', 'workspace-write', ?, 'bench', 5, ?, ?, ?, 'running', '[]', ?, ?, ?)`,
  );
  const at = Date.now();
  for (let i = 0; i < AGENTS; i++)
    insert.run(id(i), work, SESSION, `cc-agent-${id(i)}`, socket, at, at, at);
  db.close();

  process.stdout.write(
    `cc-agent lease bench: ${AGENTS} agents × ${FILES_EACH} files held, ${runs} samples, node ${process.version}\n`,
  );
  // Each agent takes its files (the first edit of each).
  for (let i = 0; i < AGENTS; i++)
    for (let k = 0; k < FILES_EACH; k++) await runRelay(id(i), editOf(file(i, k)));
  engine.ingest();

  // 1. The hook's own cost: a plain relay (no lease) against one that takes or checks a lease.
  const plain = [];
  const leased = [];
  for (let n = 0; n < runs; n++) {
    plain.push(await timed(id(n % AGENTS), editOf(join(work, `plain-${n}.ts`)), false));
    // Alternate: a new file (mkdir wins), and another agent's file (a conflict).
    const holder = n % AGENTS;
    const input = n % 2 ? editOf(join(work, `new-${n}.ts`)) : editOf(file(holder, n % FILES_EACH));
    leased.push(await timed(id((holder + 1) % AGENTS), input, true));
  }
  engine.ingest();
  report('relay without a lease (baseline)', plain, 20);
  report('relay with the lease decision', leased, 20);

  // 2. PreToolUse → file_conflict heard by a live engine (file-watch ingestion).
  const heard = new Map();
  engine.events.on('file_conflict', (c) => heard.set(`${c.jobId} ${c.path}`, now()));
  const errors = [];
  const live = await engine.live({ onError: (e) => errors.push(e) });
  const samples = [];
  try {
    for (let n = 0; n < runs; n++) {
      // A pair not seen before, so each is a new episode (one event each).
      const holder = n % AGENTS;
      const path = file(holder, Math.floor(n / AGENTS) % FILES_EACH);
      const second = id((holder + 2 + Math.floor(n / (AGENTS * FILES_EACH))) % AGENTS);
      const key = `${second} ${path}`;
      const t = now();
      await runRelay(second, editOf(path));
      const deadline = Date.now() + 5000;
      while (!heard.has(key) && Date.now() < deadline) await sleep(1);
      if (!heard.has(key)) throw new Error(`no file_conflict for ${key}`);
      samples.push(heard.get(key) - t);
      await sleep(5);
    }
    if (errors.length) throw new Error(`live engine: ${errors[0]}`);
  } finally {
    await live.stop();
    engine.close();
  }
  report('PreToolUse hook started → file_conflict heard (live)', samples, 50);
}

main()
  .catch((e) => process.stdout.write(`bench-leases: error: ${e.message}\n`))
  .finally(cleanup);
