import type { Db } from './db.js';

/*
 * What was spent each local day, in micro-USD, kept in the counters table (`spend:<day>`): a
 * job's cost is a running total over its life, so only what it gained is added, on the day the
 * engine read it from the transcript (state/enrich.ts).
 */

const key = (day: string): string => `spend:${day}`;

/** Add `usd` (only a gain: a cost never goes down) to `day`'s total. */
export function addSpend(db: Db, day: string, usd: number): void {
  if (!(usd > 0)) return;
  db.prepare(
    `INSERT INTO counters (name, value) VALUES (?, ?)
     ON CONFLICT(name) DO UPDATE SET value = counters.value + excluded.value`,
  ).run(key(day), Math.round(usd * 1e6));
}

/** USD spent on `day` (YYYY-MM-DD, local). */
export function spentOn(db: Db, day: string): number {
  const v = db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(key(day));
  return typeof v === 'number' ? v / 1e6 : 0;
}

/** What was spent per local day (a repository: SQLite behind it, USD in and out). */
export interface SpendRepo {
  add(day: string, usd: number): void;
  spentOn(day: string): number;
}

export const sqliteSpend = (db: Db): SpendRepo => ({
  add: (day, usd) => addSpend(db, day, usd),
  spentOn: (day) => spentOn(db, day),
});
