import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';

const EVENTS = 300;
const MALFORMED = 15;
const INGESTERS = 4;

/** One process: open the engine on the shared home and ingest once (as every CLI call does). */
const INGESTER = `
  const { createEngine } = await import(${JSON.stringify(join(process.cwd(), 'dist/engine/index.js'))});
  const engine = createEngine({ home: process.argv[1], env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'unused-race' } });
  const r = await engine.refresh();
  engine.close();
  process.stdout.write(JSON.stringify(r));
`;

describe('several processes ingesting the same spool at once', () => {
  const home = mkdtempSync(join(tmpdir(), 'cc-race-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('store every event exactly once, quarantine every bad file once, and never crash', async () => {
    createEngine({ home, env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'unused-race' } }).close();
    const spool = join(home, 'spool');
    mkdirSync(spool, { recursive: true });
    for (let i = 0; i < EVENTS + MALFORMED; i++) {
      const name = `${String(1_750_000_000_000_000_000n + BigInt(i))}.77.json`;
      const body =
        i < EVENTS
          ? JSON.stringify({
              v: 1,
              job_id: '0badcafe',
              ts: Date.now() + i,
              payload: { hook_event_name: 'Stop' },
            })
          : '{"v":1,"job_id":';
      writeFileSync(join(spool, name), body);
    }
    const runs = await Promise.all(
      Array.from(
        { length: INGESTERS },
        () =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const p = spawn(process.execPath, ['--input-type=module', '-e', INGESTER, home]);
            let out = '';
            let err = '';
            p.stdout.on('data', (d: Buffer) => (out += d.toString()));
            p.stderr.on('data', (d: Buffer) => (err += d.toString()));
            p.on('close', (code) => resolve({ code, out, err }));
          }),
      ),
    );
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0 });
    const totals = runs
      .map((r) => JSON.parse(r.out) as { ingested: number; quarantined: number })
      .reduce((a, b) => ({
        ingested: a.ingested + b.ingested,
        quarantined: a.quarantined + b.quarantined,
      }));
    expect(totals).toEqual({ ingested: EVENTS, quarantined: MALFORMED });
    const db = new Database(join(home, 'cc-agent.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM hook_events').pluck().get()).toBe(EVENTS);
      expect(
        db.prepare("SELECT value FROM counters WHERE name = 'spool_quarantined'").pluck().get(),
      ).toBe(MALFORMED);
    } finally {
      db.close();
    }
    expect(readdirSync(join(spool, 'quarantine'))).toHaveLength(MALFORMED);
    expect(readdirSync(spool).filter((n) => n.endsWith('.json'))).toEqual([]);
  });
});
