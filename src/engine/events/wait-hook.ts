import { watch } from 'node:fs';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import { ingestSpool } from './ingest.js';

export interface StoredHookEvent {
  seq: number;
  event: string;
  session_id: string | null;
  payload: string;
}

export const lastSeq = (ctx: EngineContext, jobId: string): number =>
  (
    ctx.db
      .prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM hook_events WHERE job_id = ? AND orphan = 0')
      .get(jobId) as {
      s: number;
    }
  ).s;

/**
 * Wait for a hook event of a job, newer than `afterSeq`, that satisfies `match`. Woken by the
 * spool directory's file-watch events (with a slow timer as a safety net), not by polling.
 */
export async function waitForHook(
  ctx: EngineContext,
  jobId: string,
  afterSeq: number,
  match: (e: StoredHookEvent) => boolean,
  options: { timeoutMs: number; what: string },
): Promise<StoredHookEvent> {
  const query = ctx.db.prepare(
    // Orphans are not the job's: a forged SessionStart must not end a wait for the real one.
    'SELECT seq, event, session_id, payload FROM hook_events WHERE job_id = ? AND seq > ? AND orphan = 0 ORDER BY seq',
  );
  const find = (): StoredHookEvent | undefined => {
    ingestSpool(ctx);
    return (query.all(jobId, afterSeq) as StoredHookEvent[]).find(match);
  };
  const hit = find();
  if (hit) return hit;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(safety);
      clearTimeout(timer);
      fn();
    };
    const check = (): void => {
      try {
        const e = find();
        if (e) finish(() => resolve(e));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const watcher = watch(ctx.paths.spoolDir, check);
    const safety = setInterval(check, 250);
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new CcAgentError('timeout', `timed out after ${options.timeoutMs} ms ${options.what}`),
          ),
        ),
      options.timeoutMs,
    );
  });
}
