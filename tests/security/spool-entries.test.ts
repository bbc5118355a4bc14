import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport, HookEventRecord } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { cliWithin } from '../helpers/cli-within.js';
import { jobRow } from '../helpers/job-row.js';

/**
 * Issue 13 item 4: one hostile spool entry must not stop, hang or bloat ingestion. Each entry
 * sits between two good events in a real home; the real `cc-agent jobs` must finish quickly,
 * store both good events, move the bad entry to spool/quarantine and `health` must count it.
 */

const JOB = 'g00dj0b1';
const SESSION = 'sess-good';
/** The spool name the relay would give: 19-digit nanoseconds, a pid. */
const spoolName = (n: number): string => `${String(1_750_000_000_000_000_000n + BigInt(n))}.7.json`;
const envelope = (n: number, pad = ''): string =>
  `{"v":1,"job_id":"${JOB}","ts":${1_750_000_000_000 + n},"payload":${JSON.stringify({
    hook_event_name: 'PreToolUse',
    session_id: SESSION,
    tool_name: 'Bash',
    tool_input: { command: `echo good-${n}`, pad },
  })}}\n`;

type Make = (path: string, servers: Server[]) => Promise<void> | void;

const BAD: [string, Make][] = [
  ['a directory named x.json', (p) => mkdirSync(p)],
  [
    'a FIFO',
    (p) => {
      const r = spawnSync('mkfifo', [p]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${String(r.stderr)}`);
    },
  ],
  ['a symlink to /dev/zero', (p) => symlinkSync('/dev/zero', p)],
  // A well-formed envelope, only too big: the cap alone must refuse it.
  ['an oversized file (17 MB)', (p) => writeFileSync(p, envelope(2, 'x'.repeat(17 * 1024 * 1024)))],
  [
    'a unix socket',
    (p, servers) =>
      new Promise<void>((resolve, reject) => {
        const s = createServer();
        servers.push(s);
        s.once('error', reject);
        s.listen(p, () => resolve());
      }),
  ],
  // A link to a perfectly good envelope elsewhere: links are never followed.
  [
    'a symlink to a valid envelope',
    (p) => {
      const target = p.replace(/\.json$/, '.target');
      writeFileSync(target, envelope(2));
      symlinkSync(target, p);
    },
  ],
];

describe('a hostile spool entry neither stops nor hangs ingestion', () => {
  let h: Harness | undefined;
  const servers: Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
    h?.cleanup();
    h = undefined;
  });

  it.each(BAD)(
    '%s: jobs is quick, good events stored, the entry quarantined and counted',
    async (_what, make) => {
      const w = createHarness('spool-entry');
      h = w;
      // A store with one job whose session the good events carry.
      await w.ok(['jobs']);
      const db = new Database(join(w.home, 'cc-agent.db'));
      db.prepare(
        `INSERT INTO jobs (${Object.keys(jobRow(JOB)).join(',')}) VALUES (${Object.keys(jobRow(JOB))
          .map((k) => '@' + k)
          .join(',')})`,
      ).run(jobRow(JOB, { status: 'completed', session_id: SESSION, ended_at: 1_750_000_000_000 }));
      db.close();

      const spool = join(w.home, 'spool');
      mkdirSync(spool, { recursive: true });
      writeFileSync(join(spool, spoolName(1)), envelope(1));
      await make(join(spool, spoolName(2)), servers);
      writeFileSync(join(spool, spoolName(3)), envelope(3));

      const r = await cliWithin(w, ['jobs', '--json'], 15_000);
      expect(r.timedOut, 'cc-agent jobs hung').toBe(false);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.elapsedMs).toBeLessThan(5_000);

      const events = (await w.ok(['events', '--job', JOB, '--json']))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as HookEventRecord);
      expect(events.map((e) => (e.payload['tool_input'] as { command: string }).command)).toEqual([
        'echo good-1',
        'echo good-3',
      ]);
      // Nothing left in the spool but the quarantine; the bad entry is in it, as it was.
      expect(readdirSync(spool).filter((n) => !n.endsWith('.target'))).toEqual(['quarantine']);
      const moved = readdirSync(join(spool, 'quarantine'));
      expect(moved).toEqual([spoolName(2)]);
      expect(lstatSync(join(spool, 'quarantine', spoolName(2)))).toBeTruthy();

      const health = JSON.parse((await w.cli(['health', '--json'])).stdout) as HealthReport;
      const check = health.checks.find((c) => c.name === 'spool');
      expect(check?.detail).toMatch(/\b1 quarantined\b/);
      // A second pass does not count it again.
      await w.ok(['jobs']);
      const again = JSON.parse((await w.cli(['health', '--json'])).stdout) as HealthReport;
      expect(again.checks.find((c) => c.name === 'spool')?.detail).toMatch(/\b1 quarantined\b/);
      expect(existsSync(join(spool, spoolName(2)))).toBe(false);
    },
  );
});
