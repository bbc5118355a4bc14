#!/usr/bin/env node
// cc-agent idle-orchestrator bench: what an orchestrator with nothing to do costs. It starts the
// orchestrator (the simulated agent plays it) with its detached pulse on a temp home and a
// private tmux server, waits for its first turn to end, then watches an empty queue for
// --minutes (default 10) and counts what was typed into it and the tokens it spent. The goal:
// nothing typed, zero tokens. A report, not a test: it always exits 0.
//
//   node scripts/bench-idle-orchestrator.mjs [--minutes N]    (npm run bench:idle builds first)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { killTmuxServer } from './lib/tmux-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'cc-agent.js');
const i = process.argv.indexOf('--minutes');
const minutes = i > 0 ? Number(process.argv[i + 1]) : 10;
if (!(minutes > 0)) {
  process.stderr.write('bench-idle-orchestrator: --minutes wants a positive number\n');
  process.exit(2);
}
const base = mkdtempSync(join(tmpdir(), 'cc-bench-idle-'));
const work = join(base, 'work');
mkdirSync(work);
const socket = `cc-bench-idle-${process.pid}`;
const env = {
  ...process.env,
  HOME: join(base, 'user'),
  CC_AGENT_HOME: join(base, 'home'),
  CC_AGENT_TMUX_SOCKET: socket,
};
delete env.TMUX;

const run = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { env, cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cc-agent ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
};
const orch = () => JSON.parse(run(['status', 'orch', '--json']));
const prompts = () =>
  run(['events', '--job', 'orch', '--json', '--limit', '10000'])
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'UserPromptSubmit').length;
const tokens = (j) =>
  j.tokens.input + j.tokens.output + j.tokens.cacheRead + j.tokens.cacheCreation;

function cleanup() {
  try {
    run(['orchestrator', 'stop']);
    run(['pulse', 'stop']);
  } catch {
    // already gone
  }
  killTmuxServer(socket);
  rmSync(base, { recursive: true, force: true, maxRetries: 5 });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (cleanup(), process.exit(0)));

try {
  run(['orchestrator', 'start', '--agent', 'demo']);
  const deadline = Date.now() + 60_000;
  while (!['waiting', 'idle'].includes(orch().activity)) {
    if (Date.now() > deadline) throw new Error('the orchestrator never finished its first turn');
    await sleep(500);
  }
  const t0 = tokens(orch());
  const p0 = prompts();
  process.stdout.write(
    `idle orchestrator: watching an empty queue for ${minutes} min (tokens ${t0}, prompts ${p0})\n`,
  );
  const end = Date.now() + minutes * 60_000;
  // The pulse must keep leading all along (its lease renewed): a stalled pulse would also
  // type nothing, and prove nothing.
  let stalls = 0;
  let looks = 0;
  while (Date.now() < end) {
    await sleep(Math.min(20_000, end - Date.now()));
    const s = JSON.parse(run(['pulse', 'status', '--json']));
    looks++;
    const until = Date.parse(s.leaseExpiresAt ?? '');
    if (!(until > Date.now())) {
      stalls++;
      process.stdout.write(
        `pulse not leading at ${new Date().toISOString()}: ${JSON.stringify(s)}\n`,
      );
    }
  }
  const j = orch();
  const spent = tokens(j) - t0;
  const typed = prompts() - p0;
  const pulse = run(['pulse', 'status']);
  process.stdout.write(
    `over ${minutes} min of empty queue: ${typed} prompts typed, ${spent} tokens spent, ` +
      `status ${j.status}/${j.activity}; the pulse led at ${looks - stalls} of ${looks} looks — ` +
      `goal 0 and 0 with the pulse leading: ${typed === 0 && spent === 0 && stalls === 0 ? 'PASS' : 'FAIL'}\n${pulse}\n`,
  );
} catch (e) {
  process.stdout.write(`bench-idle-orchestrator: error: ${e.message}\n`);
} finally {
  cleanup();
}
