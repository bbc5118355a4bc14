import type { EngineEvents } from '../events/emitter.js';
import type { Paths } from '../paths.js';
import { writeMirror } from '../store/job-files.js';
import type { Job } from '../store/job-types.js';
import { toJob, type JobRow, type JobWrite } from '../store/jobs-repo.js';

export interface JobAnnouncer {
  /** The jobs repository's write hook: every insert, change and delete lands here. */
  onWrite(id: string, how: JobWrite): void;
  /** Re-read a job, rewrite its JSON mirror and tell subscribers (EngineContext.saved). */
  saved(id: string, event?: 'job_created' | 'job_updated'): Job;
}

/**
 * Every write to a job reaches the faces, whether or not its writer remembered to say so. A
 * writer announces with `saved` (choosing the event: created or updated); whatever is still
 * unannounced when the current piece of work yields (setImmediate: after its transaction, and
 * before the next file event or timer) is announced then — job_updated, or job_deleted for a
 * row that went. A face that shows the store therefore never keeps a state the store left.
 *
 * A new row is its creator's to announce (start: job_created once launched, or the row is
 * deleted again): its changes before that are not announced on their own.
 */
export function jobAnnouncer(
  paths: Paths,
  events: EngineEvents,
  read: (id: string) => JobRow | undefined,
): JobAnnouncer {
  const pending = new Map<string, 'updated' | 'deleted'>();
  const unborn = new Set<string>();
  let scheduled = false;
  const saved = (id: string, event: 'job_created' | 'job_updated' = 'job_updated'): Job => {
    const row = read(id);
    if (!row) throw new Error(`job ${id} vanished`);
    unborn.delete(id);
    pending.delete(id);
    const job = toJob(row);
    writeMirror(paths, job);
    events.emit(event, job);
    return job;
  };
  const flush = (): void => {
    scheduled = false;
    for (const [id, how] of [...pending]) {
      pending.delete(id);
      if (how === 'deleted') {
        events.emit('job_deleted', { id });
        continue;
      }
      // Gone since (or the store closed under a finished command): nothing left to show.
      const row = read(id);
      if (!row) continue;
      const job = toJob(row);
      try {
        writeMirror(paths, job);
      } catch {
        // A full disk refusing the mirror: the store holds the truth, and the faces hear it.
      }
      events.emit('job_updated', job);
    }
  };
  // An announcement made by hand (job_deleted after removing a job) settles that id too.
  events.on('job_deleted', ({ id }) => pending.delete(id));
  return {
    saved,
    onWrite(id, how) {
      if (how === 'inserted') {
        unborn.add(id);
        pending.delete(id); // the id's new row is announced as created
        return;
      }
      if (unborn.has(id)) {
        if (how === 'deleted') unborn.delete(id);
        return;
      }
      pending.set(id, how);
      if (scheduled) return;
      scheduled = true;
      setImmediate(flush);
    },
  };
}
