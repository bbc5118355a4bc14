#!/usr/bin/env node
// cc-agent orchestrator bench: how fast the pulse feeds and heals the orchestrator. An
// in-process engine leads the pulse (tick 1 s, as `pulse run`) on a temp home and a private tmux
// server (both removed at the end); the simulated agent plays the orchestrator. A report, not
// a test: it always exits 0.
//
//   node scripts/bench-orchestrator.mjs [--tasks N] [--respawns N]   (npm run bench:orchestrator)
//
// - idle → next task injected: from the Stop hook that ends the orchestrator's turn (the relay's
//   own timestamp) to the moment the next queued task has been typed into it, per task;
// - session killed → respawned: from `tmux kill-session` to the new orchestrator started.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createEngine } = await import(join(root, 'dist', 'engine', 'index.js'));

const args = process.argv.slice(2);
const flag = (name, fallback) => Number(args[args.indexOf(name) + 1]) || fallback;
const taskCount = flag('--tasks', 20);
const respawnCount = flag('--respawns', 3);
const base = mkdtempSync(join(tmpdir(), 'cc-bench-orch-'));
const home = join(base, 'home');
const work = join(base, 'work');
mkdirSync(work);
const socket = `cc-bench-orch-${process.pid}`;
process.env.CC_DEMO_SPEED = '4';
const env = { ...process.env, CC_AGENT_TMUX_SOCKET: socket };
delete env.TMUX;
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const rows = [];

/**
 * Resolve when `probe` holds, re-checking on every engine event of the given names (reports from
 * other processes, such as `cc-agent queue done`, show up here only through ticks and hooks).
 */
function when(engine, names, probe, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const offs = [];
    const done = (v, e) => {
      offs.forEach((off) => off());
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(v);
    };
    const check = () => {
      const v = probe();
      if (v) done(v);
    };
    const timer = setTimeout(() => done(undefined, new Error('bench timed out')), timeoutMs);
    for (const n of names) offs.push(engine.events.on(n, check));
    check();
  });
}

const stopsOf = (engine) =>
  engine
    .timeline({ jobId: 'orch', limit: 100_000 })
    .filter((e) => e.event === 'Stop')
    .map((e) => e.ts);

try {
  const engine = createEngine({ home, env });
  engine.settings({ key: 'orchestrator.respawn_min_seconds', value: '1' });
  const live = await engine.live({ pulse: true, tickMs: 1000 });
  for (let i = 0; i < taskCount; i++) {
    engine.queue.add(`[[bash "cc-agent queue done --result r${i}"]]`, taskCount - i);
  }
  await engine.orchestrator.start({ agent: 'demo', cwd: work });
  await when(engine, ['job_updated', 'pulse_tick'], () =>
    engine.queue.list().every((t) => t.status === 'done') ? true : undefined,
  );
  const stops = stopsOf(engine);
  const dispatches = engine.triggers
    .activity(1000)
    .filter((a) => a.kind === 'task_dispatched')
    .map((a) => Date.parse(a.ts));
  const lat = dispatches
    .map((d) => d - Math.max(...stops.filter((s) => s < d)))
    .filter(Number.isFinite);
  rows.push([
    'idle → next task injected',
    pct(lat, 50),
    pct(lat, 90),
    Math.max(...lat),
    '< 1000 ms',
  ]);

  const respawn = [];
  let stopCount = 0;
  for (let i = 0; i < respawnCount; i++) {
    // Wait for the (re)started one to finish its first turn, then for the guard's second.
    await when(engine, ['job_updated'], () =>
      stopsOf(engine).length > stopCount ? true : undefined,
    );
    stopCount = stopsOf(engine).length;
    const before = engine.triggers.activity(1000).length;
    await new Promise((r) => setTimeout(r, 1100));
    const killedAt = Date.now();
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', '=cc-agent-orch']);
    const entry = await when(engine, ['job_created', 'pulse_tick'], () =>
      engine.triggers
        .activity(1000)
        .slice(before)
        .find((a) => a.kind === 'orchestrator_respawned'),
    );
    respawn.push(Date.parse(entry.ts) - killedAt);
  }
  rows.push([
    'session killed → respawned',
    pct(respawn, 50),
    pct(respawn, 90),
    Math.max(...respawn),
    '< 10000 ms',
  ]);
  await engine.orchestrator.stop();
  await live.stop();
  engine.close();
} finally {
  killTmuxServer(socket);
  rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

console.log(
  `\ncc-agent orchestrator bench — ${taskCount} tasks, ${respawnCount} respawns, node ${process.version}`,
);
console.log('what                          median     p90      max   target');
for (const [what, p50, p90, max, target] of rows) {
  console.log(
    `${what.padEnd(28)} ${p50.toFixed(1).padStart(7)} ${p90.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}   ${target}`,
  );
}
