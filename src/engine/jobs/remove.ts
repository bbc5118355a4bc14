import { badInput } from '../errors.js';
import type { EngineContext } from '../context.js';
import { removeJobFiles } from '../store/job-files.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { removeSessions } from './kill.js';
import { findJob } from './lookup.js';

/** Forget a job: its tmux session, its files, its row and its events. */
export async function deleteJob(ctx: EngineContext, id: string): Promise<string> {
  const row = findJob(ctx, id);
  await ctx.tmux(row.tmux_socket).killSession(row.tmux_session);
  forget(ctx, [row]);
  return row.id;
}

/** `clean --older-than`: forget every ended job that ended longer ago than `olderThanMs`. */
export async function cleanJobs(ctx: EngineContext, olderThanMs: number): Promise<string[]> {
  const cutoff = ctx.now() - olderThanMs;
  const old = ctx.jobs
    .list(['completed', 'failed', 'killed'])
    .filter((r) => !isActive(r.status) && (r.ended_at ?? r.created_at) <= cutoff);
  await removeSessions(ctx, old);
  forget(ctx, old);
  return old.map((r) => r.id);
}

function forget(ctx: EngineContext, rows: readonly JobRow[]): void {
  const delEvents = ctx.db.prepare('DELETE FROM hook_events WHERE job_id = ?');
  ctx.db.transaction(() => {
    for (const r of rows) {
      delEvents.run(r.id);
      ctx.jobs.delete(r.id);
    }
  })();
  for (const r of rows) {
    removeJobFiles(ctx.paths, r.id);
    ctx.events.emit('job_deleted', { id: r.id });
  }
}

const UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 };

/** Parse `7d`, `12h`, `30m`, `90s`, `2w`. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text.trim());
  if (!m) throw badInput(`invalid duration '${text}' (use e.g. 30m, 12h, 7d, 2w)`);
  return Number(m[1]) * (UNITS[m[2] as string] as number);
}
