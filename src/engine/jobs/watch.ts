import { closeSync, openSync, readSync, statSync, watch } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { EngineContext } from '../context.js';
import { isActive, type Job } from '../store/job-types.js';
import { toJob } from '../store/jobs-repo.js';
import { findJob } from './lookup.js';
import { reconcile } from './reconcile.js';

/**
 * Stream a job's output as it is written, from byte `fromOffset`, until the job ends or
 * `signal` aborts. Woken by file-watch events on the jobs folder (log growth, the exit file,
 * the mirror being rewritten); a slow timer catches a tmux session that vanished silently.
 * Decodes across chunk boundaries so a multi-byte character is never split.
 */
export async function watchJob(
  ctx: EngineContext,
  id: string,
  onData: (text: string) => void,
  options: { signal?: AbortSignal; fromOffset?: number } = {},
): Promise<Job> {
  const row = findJob(ctx, id);
  const log = ctx.paths.log(row.id);
  const decoder = new StringDecoder('utf8');
  let offset = options.fromOffset ?? 0;
  const pump = (): void => {
    let size: number;
    try {
      size = statSync(log).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const fd = openSync(log, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size - offset, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, offset);
      offset += n;
      const text = decoder.write(buf.subarray(0, n));
      if (text) onData(text);
    } finally {
      closeSync(fd);
    }
    if (offset < size) pump();
  };
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
      const tail = decoder.end();
      if (tail) onData(tail);
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
