import { watch } from 'node:fs';
import { basename } from 'node:path';
import type { EngineContext } from '../context.js';
import { isActive, type Job } from '../store/job-types.js';
import { toJob } from '../store/jobs-repo.js';
import { logReader } from './log-reader.js';
import { findJob } from './lookup.js';
import { reconcile } from './reconcile.js';

/**
 * Stream a job's output as it is written, from byte `fromOffset`, until the job ends or
 * `signal` aborts. Woken by file-watch events on the jobs folder (log growth, the exit file,
 * the mirror being rewritten); a slow timer catches a tmux session that vanished silently.
 */
export async function watchJob(
  ctx: EngineContext,
  id: string,
  onData: (text: string) => void,
  options: { signal?: AbortSignal; fromOffset?: number } = {},
): Promise<Job> {
  const row = findJob(ctx, id);
  const log = ctx.paths.log(row.id);
  const reader = logReader(log, options.fromOffset ?? 0, onData);
  const pump = reader.read;
  const current = (): Job => toJob(findJob(ctx, row.id));

  pump();
  if (!isActive(current().status)) return current();
  return new Promise((resolve, reject) => {
    let busy = false;
    const names = new Set([basename(log), `${row.id}.exit`, `${row.id}.json`]);
    const finish = (job: Job): void => {
      watcher.close();
      clearInterval(timer);
      options.signal?.removeEventListener('abort', onAbort);
      pump();
      reader.end();
      resolve(job);
    };
    const check = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        pump();
        await reconcile(ctx);
        const job = current();
        if (!isActive(job.status)) finish(job);
      } catch (e) {
        watcher.close();
        clearInterval(timer);
        reject(e);
      } finally {
        busy = false;
      }
    };
    const onAbort = (): void => finish(current());
    const watcher = watch(ctx.paths.jobsDir, (_event, name) => {
      if (name && names.has(name.toString())) void check();
    });
    const timer = setInterval(() => void check(), 1000);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
