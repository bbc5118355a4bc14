#!/usr/bin/env node
// The TUI's screens as text, for the docs: `cc-agent demo` in a 150×40 pane of a private tmux
// server on a temp home (both removed at the end; your tmux, ~/.claude and ~/.cc-agent are not
// touched), driven with send-keys, read with capture-pane, written to docs/screens/*.txt.
//
//   npm run build && node scripts/tui-screens.mjs [--out docs/screens]
//
// Every step waits for what the screen must show, never for a fixed time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWorld } from './lib/bench-world.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const out = resolve(
  root,
  args.includes('--out') ? args[args.indexOf('--out') + 1] : 'docs/screens',
);
const SIZE = { x: 150, y: 40 };

const world = benchWorld('cc-screens');
const tmux = (...a) =>
  spawnSync('tmux', ['-L', world.socket, ...a], { encoding: 'utf8', env: world.env });
const screen = () => tmux('capture-pane', '-p', '-t', '=ui:').stdout;
const keys = (...k) => k.forEach((key) => tmux('send-keys', '-t', '=ui:', key));
const type = (text) => tmux('send-keys', '-l', '-t', '=ui:', text);

async function until(what, ok, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = screen();
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- screen ---\n${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The screen as the user sees it: trailing spaces dropped, all of its rows kept. */
const save = (name, text) => {
  const body = text
    .split('\n')
    .slice(0, SIZE.y)
    .map((l) => l.trimEnd())
    .join('\n');
  writeFileSync(join(out, `${name}.txt`), `${body}\n`);
  process.stdout.write(`wrote ${join(out, `${name}.txt`)}\n`);
};

try {
  mkdirSync(out, { recursive: true });
  const env = ['CC_AGENT_HOME', 'CC_AGENT_TMUX_SOCKET', 'CC_DEMO_SPEED', 'HOME'].flatMap((k) => [
    '-e',
    `${k}=${world.env[k]}`,
  ]);
  const r = tmux(
    'new-session',
    '-d',
    '-s',
    'ui',
    '-x',
    String(SIZE.x),
    '-y',
    String(SIZE.y),
    ...env,
    '--',
    process.execPath,
    join(root, 'bin', 'cc-agent.js'),
    'demo',
  );
  if (r.status !== 0) throw new Error(`tmux new-session: ${r.stderr}`);

  // The demo settled: one agent done, one crashed, one asking, the orchestrator's queue worked.
  save(
    'jobs',
    await until('the demo to settle', (s) =>
      ['Wrote notes.md', 'failed(2)', 'permission', '3 issues found', 'queue 0'].every((w) =>
        s.includes(w),
      ),
    ),
  );
  keys('?');
  save('help', await until('the help overlay', (s) => s.includes('Keys (any key closes)')));
  keys('Escape');
  await until('the overlay to close', (s) => !s.includes('Keys (any key closes)'));

  // The agent asking for permission, found with the filter, then opened.
  keys('/');
  await until('the filter prompt', (s) => s.includes('Filter:'));
  type('status page');
  keys('Enter');
  await until('the filter', (s) => s.includes('filter: status page'));
  keys('l');
  save(
    'detail',
    // Its header, its timeline, and its live screen captured (a line with text in the box).
    await until(
      'its detail',
      (s) => /^\S{8} · running · /m.test(s) && s.includes('timeline') && /^│.*[^\s│].*│$/m.test(s),
    ),
  );
  keys('Escape');
  // Back on the list (its column header), the filter still applied; then Escape clears it.
  await until(
    'the list again',
    (s) => s.includes('ID       STATE') && s.includes('filter: status'),
  );
  keys('Escape');
  await until('the filter cleared', (s) => !s.includes('filter: status page'));

  keys('7');
  save(
    'analytics',
    await until('the charts', (s) => s.includes('tool usage') && s.includes('Bash')),
  );
  keys('8');
  save('notifications', await until('the notifications', (s) => s.includes('Approval needed')));
  // The Pipeline: every job a bar on the time axis, zoomed to the last quarter hour (the
  // demo's agents ran for seconds just now).
  keys('9');
  await until('the pipeline', (s) => s.includes('Pipeline ') && /[█▓▆▚]/.test(s));
  keys('+', '+');
  save(
    'pipeline',
    await until('a quarter hour', (s) => s.includes('(15m, now)') && /[█▓▆▚]/.test(s)),
  );
  keys('6');
  save('orchestrator', await until('the orchestrator', (s) => s.includes('pulse: ')));
  keys('5');
  save('approvals', await until('the approvals', (s) => s.includes('wants to')));
  keys('q');
} finally {
  world.cleanup();
}
