#!/usr/bin/env node
// cc-agent SSE flood bench (issue 13 item 6): a queue of 277 tasks holding ~10 MB of prompts,
// `cc-agent serve --detach` on a temp home, then 200 event streams that connect and drop
// (16 at a time) while GET /api/jobs is timed back to back. A report, not a test; the bar is
// tests/security/sse-flood.timing.test.ts.
//
//   node scripts/bench-sse.mjs [--rounds 3] [--clients 200]   (npm run bench:sse builds first)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWorld } from './lib/bench-world.mjs';
import { quantile, rssOf, sseChurn } from './lib/sse-churn.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliPath = join(root, 'bin', 'cc-agent.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => Number(args[args.indexOf(`--${name}`) + 1]) || fallback;
const rounds = opt('rounds', 3);
const clients = opt('clients', 200);
const TASKS = 277;
const PROMPT_BYTES = Math.floor((10 * 1024 * 1024) / TASKS);

const world = benchWorld('cc-bench-sse');
const cli = (...a) => {
  const r = spawnSync(process.execPath, [cliPath, ...a], {
    encoding: 'utf8',
    env: world.env,
    cwd: world.base,
  });
  if (r.status !== 0) throw new Error(`cc-agent ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

const rows = [];
try {
  const { createEngine } = await import(join(root, 'dist', 'engine', 'index.js'));
  const engine = createEngine({ home: world.home, env: world.env });
  for (let i = 0; i < TASKS; i++) {
    const line = `task ${i}: refactor module ${i} and keep its tests green.\n`;
    engine.queue.add(line.repeat(Math.ceil(PROMPT_BYTES / line.length)).slice(0, PROMPT_BYTES));
  }
  engine.close();
  const url = / on (\S+)$/.exec(cli('serve', '--port', '0', '--detach'))[1];
  const [origin, token] = url.split('/?token=');
  const pid = JSON.parse(readFileSync(join(world.home, 'serve.json'), 'utf8')).pid;

  const idle = await sseChurn(origin, token, { clients: 0 });
  rows.push(['/api/jobs, no streams, cold (ms)', idle.median, idle.p99, '']);
  const medians = [];
  const p99s = [];
  const all = [];
  for (let r = 0; r < rounds; r++) {
    const churn = await sseChurn(origin, token, {
      clients,
      concurrency: 16,
      requestTimeoutMs: 10_000,
      deadlineMs: 120_000,
    });
    medians.push(churn.median);
    p99s.push(churn.p99);
    all.push(...churn.latencies);
    const served = churn.statuses.filter((s) => s === 200).length;
    process.stderr.write(
      `round ${r + 1}: median ${churn.median.toFixed(1)} ms, p99 ${churn.p99.toFixed(1)} ms, ` +
        `${served}/${churn.statuses.length} streams served${churn.timedOut ? ', GAVE UP at the deadline' : ''}\n`,
    );
  }
  rows.push([
    `/api/jobs, ${clients} streams churn (ms)`,
    quantile(medians, 0.5),
    quantile(all, 0.99),
    '< 200 ms p99',
  ]);
  const { rss, peak } = await rssOf(pid);
  rows.push(['server RSS after churn (MB)', rss, peak, '< 250 MB peak']);
  cli('serve', 'stop');
} finally {
  world.cleanup();
}

console.log(`\ncc-agent SSE flood bench — node ${process.version}, ${rounds} rounds`);
console.log('what                                     median  p99/peak   target');
for (const [what, med, p99, target] of rows) {
  console.log(
    `${what.padEnd(40)} ${med.toFixed(1).padStart(7)} ${p99.toFixed(1).padStart(8)}   ${target}`,
  );
}
