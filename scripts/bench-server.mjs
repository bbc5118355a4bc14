#!/usr/bin/env node
// cc-agent server bench: `cc-agent serve --detach` on a temp home and a private tmux server
// (both removed at the end), measured from outside as a browser would. A report, not a test.
//
//   node scripts/bench-server.mjs [--agents 50]        (npm run bench:server builds first)
//
// - engine event → SSE client: a task added through the API until its queue_updated arrives;
// - keystroke → terminal echo: a key sent on /api/terminal/:id until the agent's redraw arrives;
// - server RSS with N simulated agents running;
// - dashboard usable: Chromium (Debian's, via playwright-core) from opening the token URL to
//   200 job rows drawn;
// - tmux processes the idle server spawns per second (a PATH shim counts them).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliPath = join(root, 'bin', 'cc-agent.js');
const args = process.argv.slice(2);
const agents = Number(args[args.indexOf('--agents') + 1]) || 50;
const base = mkdtempSync(join(tmpdir(), 'cc-bench-server-'));
const home = join(base, 'home');
const shim = join(base, 'bin');
const count = join(base, 'tmux-calls');
mkdirSync(shim, { recursive: true });
const realTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(join(shim, 'tmux'), `#!/bin/sh\necho x >> '${count}'\nexec '${realTmux}' "$@"\n`);
chmodSync(join(shim, 'tmux'), 0o755);
const socket = `cc-bench-server-${process.pid}`;
const env = {
  ...process.env,
  CC_AGENT_HOME: home,
  CC_AGENT_TMUX_SOCKET: socket,
  CC_DEMO_SPEED: '4',
  PATH: `${shim}:${process.env.PATH}`,
};
delete env.TMUX;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const q = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const cli = (...a) => {
  const r = spawnSync(process.execPath, [cliPath, ...a], { encoding: 'utf8', env, cwd: base });
  if (r.status !== 0) throw new Error(`cc-agent ${a.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const rows = [];
const calls = () => {
  try {
    return readFileSync(count, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

try {
  const first = cli('start', '--agent', 'demo', '[[say "ready"]]');
  const url = / on (\S+)$/.exec(cli('serve', '--port', '0', '--detach'))[1];
  const [origin, token] = url.split('/?token=');
  const auth = { authorization: `Bearer ${token}` };
  const pid = JSON.parse(readFileSync(join(home, 'serve.json'), 'utf8')).pid;

  // SSE latency.
  const ctl = new AbortController();
  const res = await fetch(`${origin}/api/events`, { headers: auth, signal: ctl.signal });
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const waitFor = async (needle) => {
    while (!buf.includes(needle)) buf += dec.decode((await reader.read()).value);
    buf = buf.slice(buf.indexOf(needle) + needle.length);
  };
  const sse = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const r = await fetch(`${origin}/api/queue/tasks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: `t${i}` }),
    });
    const { id } = await r.json();
    await waitFor(`"id":"${id}"`);
    sse.push(performance.now() - t0);
  }
  ctl.abort();
  rows.push(['API change → SSE client (ms)', q(sse, 0.5), q(sse, 0.99), '< 50 ms p99']);

  // Keystroke → echo.
  while (JSON.parse(cli('status', first, '--json')).activity !== 'waiting') await sleep(50);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/terminal/${first}`, {
    headers: auth,
  });
  let waiter;
  ws.on('message', () => waiter?.());
  await new Promise((r) => ws.once('open', r));
  await sleep(500);
  const keys = [];
  for (let i = 0; i < 60; i++) {
    const got = new Promise((r) => (waiter = r));
    const t0 = performance.now();
    ws.send(JSON.stringify({ type: 'input', data: i % 2 ? '\x7f' : 'x' }));
    await got;
    keys.push(performance.now() - t0);
    await sleep(30);
  }
  ws.close();
  rows.push(['keystroke → terminal echo (ms)', q(keys, 0.5), q(keys, 0.99), '< 100 ms p99']);

  // Idle tmux spawns, then RSS with N agents.
  await sleep(2000);
  const c0 = calls();
  await sleep(10_000);
  rows.push(['tmux spawns per second, idle', (calls() - c0) / 10, (calls() - c0) / 10, '0']);
  for (let i = 1; i < agents; i++) cli('start', '--agent', 'demo', `[[say "agent ${i}"]]`);
  await sleep(3000);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  rows.push([`server RSS, ${agents} agents (MB)`, rss, rss, '< 120 MB']);

  // Dashboard with 200 jobs.
  const db = new Database(join(home, 'cc-agent.db'));
  const tpl = db.prepare('SELECT * FROM jobs LIMIT 1').get();
  const cols = Object.keys(tpl);
  const ins = db.prepare(
    `INSERT INTO jobs (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`,
  );
  const have = db.prepare('SELECT COUNT(*) FROM jobs').pluck().get();
  db.transaction(() => {
    for (let i = have; i < 200; i++) {
      const id = randomBytes(4).toString('hex');
      ins.run({
        ...tpl,
        id,
        tmux_session: `cc-agent-${id}`,
        status: 'completed',
        activity: null,
        prompt_preview: `seeded ${i}`,
      });
    }
  })();
  db.close();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForFunction(
      () => globalThis.document.querySelectorAll('tr[data-job]').length >= 200,
    );
    loads.push(performance.now() - t0);
    await page.close();
  }
  await browser.close();
  rows.push(['dashboard: URL → 200 jobs drawn (ms)', q(loads, 0.5), q(loads, 0.99), '< 1000 ms']);
  cli('serve', 'stop');
} finally {
  killTmuxServer(socket);
  rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

console.log(`\ncc-agent server bench — node ${process.version}`);
console.log('what                                   median      p99   target');
for (const [what, med, p99, target] of rows) {
  console.log(
    `${what.padEnd(38)} ${med.toFixed(1).padStart(7)} ${p99.toFixed(1).padStart(8)}   ${target}`,
  );
}
