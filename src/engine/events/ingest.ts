import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineContext } from '../context.js';
import { applyHookEvents } from '../state/apply.js';
import { enrichFromTranscripts, transcriptPaths } from '../state/enrich.js';
import { countEvents, recordFinished } from '../store/history.js';
import type { HookEventRecord } from './emitter.js';

interface SpoolEnvelope {
  v: number;
  job_id: string;
  ts: number;
  payload: Record<string, unknown> & { hook_event_name: string };
}

export interface IngestResult {
  ingested: number;
  quarantined: number;
}

/**
 * Move relayed hook events from the spool into SQLite. Each file's name is its unique key, so a
 * crash between the commit and the unlink re-reads the file and inserts nothing twice; a file
 * that does not parse is moved to quarantine and counted, never retried, never fatal.
 */
export function ingestSpool(ctx: EngineContext): IngestResult {
  const dir = ctx.paths.spoolDir;
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return { ingested: 0, quarantined: 0 };
  }
  if (names.length === 0) return { ingested: 0, quarantined: 0 };

  const good: { name: string; env: SpoolEnvelope }[] = [];
  const bad: string[] = [];
  for (const name of names) {
    const env = parseEnvelope(join(dir, name));
    if (env === 'gone') continue; // another ingester (TUI, server, CLI) took it first
    if (env) good.push({ name, env });
    else bad.push(name);
  }
  const quarantined = quarantine(ctx, bad);

  const insert = ctx.db.prepare(
    `INSERT OR IGNORE INTO hook_events (spool_name, job_id, ts, event, session_id, tool_name, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const records: HookEventRecord[] = [];
  const touched = new Map<string, 'updated' | 'completed'>();
  ctx.db.transaction(() => {
    for (const { name, env } of good) {
      const p = env.payload;
      const sessionId = typeof p['session_id'] === 'string' ? p['session_id'] : null;
      const toolName = typeof p['tool_name'] === 'string' ? p['tool_name'] : null;
      const r = insert.run(
        name,
        env.job_id,
        env.ts,
        p.hook_event_name,
        sessionId,
        toolName,
        JSON.stringify(p),
      );
      if (r.changes === 0) continue; // already ingested before a crash
      records.push({
        seq: Number(r.lastInsertRowid),
        jobId: env.job_id,
        ts: env.ts,
        event: p.hook_event_name,
        sessionId,
        toolName,
        payload: p,
      });
    }
    for (const [jobId, recs] of byJob(records)) {
      const applied = applyHookEvents(ctx, jobId, recs);
      if (applied) touched.set(jobId, applied);
    }
    if (records.length > 0) countEvents(ctx, records.length);
    if (quarantined > 0) {
      ctx.db
        .prepare(
          `INSERT INTO counters (name, value) VALUES ('spool_quarantined', ?)
           ON CONFLICT(name) DO UPDATE SET value = value + excluded.value`,
        )
        .run(quarantined);
    }
  })();

  for (const { name } of good) rmSync(join(dir, name), { force: true });
  enrichFromTranscripts(ctx, transcriptPaths(records));
  for (const rec of records) ctx.events.emit('hook_event', rec);
  for (const [id, how] of touched) {
    const job = ctx.saved(id, 'job_updated');
    if (how === 'completed') {
      recordFinished(ctx, id);
      ctx.events.emit('job_completed', job);
    }
  }
  return { ingested: records.length, quarantined };
}

/** Move unreadable files aside; returns how many this ingester moved (each is counted once). */
function quarantine(ctx: EngineContext, bad: readonly string[]): number {
  if (bad.length === 0) return 0;
  mkdirSync(ctx.paths.quarantineDir, { recursive: true });
  let moved = 0;
  for (const name of bad) {
    try {
      renameSync(join(ctx.paths.spoolDir, name), join(ctx.paths.quarantineDir, name));
      moved++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return moved;
}

function byJob(records: readonly HookEventRecord[]): Map<string, HookEventRecord[]> {
  const out = new Map<string, HookEventRecord[]>();
  for (const r of records) {
    const list = out.get(r.jobId);
    if (list) list.push(r);
    else out.set(r.jobId, [r]);
  }
  return out;
}

function parseEnvelope(file: string): SpoolEnvelope | 'gone' | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<SpoolEnvelope>;
    if (typeof v.job_id !== 'string' || typeof v.ts !== 'number') return undefined;
    const p = v.payload;
    if (!p || typeof p !== 'object' || typeof p.hook_event_name !== 'string') return undefined;
    return v as SpoolEnvelope;
  } catch {
    return undefined;
  }
}
