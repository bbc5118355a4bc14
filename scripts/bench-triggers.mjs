#!/usr/bin/env node
// cc-agent trigger bench: how fast the pulse acts. In-process engine on a temp home (removed at
// the end); it is a report, not a test: it always exits 0.
//
//   node scripts/bench-triggers.mjs [--runs N] [--skip-cron]     (npm run bench:triggers builds first)
//
// - event trigger → action: from the engine event to the action's own notification, N times;
// - cron → action: a `* * * * *` trigger in a live pulse (tick 250 ms): how long after each
//   minute's slot the action ran (waits for the next 2 minute boundaries unless --skip-cron).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createEngine } = await import(join(root, 'dist', 'engine', 'index.js'));

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 200;
const skipCron = args.includes('--skip-cron');
const home = mkdtempSync(join(tmpdir(), 'cc-bench-triggers-'));
const env = { ...process.env, CC_AGENT_TMUX_SOCKET: `cc-bench-triggers-${process.pid}` };
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const rows = [];

try {
  const engine = createEngine({ home, env });
  engine.triggers.add({
    name: 'on-remove',
    kind: 'event',
    condition: 'queue_removed',
    action: 'notify',
  });
  const live = await engine.live({ pulse: true, tickMs: 250 });
  const lat = [];
  for (let i = 0; i < runs; i++) {
    const t = engine.queue.add(`task ${i}`);
    const heard = new Promise((resolve) => {
      const off = engine.events.on('notification', () => {
        off();
        resolve(performance.now());
      });
    });
    const start = performance.now();
    engine.queue.remove(t.id);
    lat.push((await heard) - start);
  }
  rows.push(['event trigger → action done', pct(lat, 50), pct(lat, 90), pct(lat, 99), '< 100 ms']);
  if (!skipCron) {
    engine.triggers.add({
      name: 'minutely',
      kind: 'cron',
      condition: '* * * * *',
      action: 'notify',
    });
    const late = [];
    while (late.length < 2) {
      const at = await new Promise((resolve) => {
        const off = engine.events.on('trigger_fired', (f) => {
          if (f.trigger !== 'minutely') return;
          off();
          resolve(Date.now());
        });
      });
      late.push(at - Math.floor(at / 60_000) * 60_000);
      process.stdout.write(`cron slot fired ${late.at(-1)} ms after the minute\n`);
    }
    rows.push([
      'cron slot → action done',
      pct(late, 50),
      Math.max(...late),
      Math.max(...late),
      '< 1000 ms',
    ]);
  }
  await live.stop();
  engine.close();
} finally {
  rmSync(home, { recursive: true, force: true });
}

console.log(`\n${'target'.padEnd(30)}  median     p90        p99        goal`);
for (const [name, med, p90, p99, goal] of rows) {
  console.log(
    `${name.padEnd(30)}  ${med.toFixed(2).padStart(7)} ms ${p90.toFixed(2).padStart(7)} ms ${p99.toFixed(2).padStart(7)} ms ${goal}`,
  );
}
