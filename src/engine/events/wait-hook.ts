import { watch } from 'node:fs';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { HookEventRecord } from './emitter.js';
import { ingestSpool } from './ingest.js';

/** The newest seq of a job's own events (0: none): what a wait starts after. */
export const lastSeq = (ctx: EngineContext, jobId: string): number =>
  ctx.store.hookEvents.lastSeq(jobId);

/**
 * Wait for a hook event of a job, newer than `afterSeq`, that satisfies `match`. Woken by the
 * spool directory's file-watch events (with a slow timer as a safety net), not by polling.
 */
export async function waitForHook(
  ctx: EngineContext,
  jobId: string,
  afterSeq: number,
  match: (e: HookEventRecord) => boolean,
  options: { timeoutMs: number; what: string },
): Promise<HookEventRecord> {
  // Orphans are not the job's: a forged SessionStart must not end a wait for the real one.
  const find = (): HookEventRecord | undefined => {
    ingestSpool(ctx);
    return ctx.store.hookEvents.after(jobId, afterSeq).find(match);
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
