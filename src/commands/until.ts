import { watch } from 'node:fs';
import { CcAgentError } from '../engine/index.js';

/** Resolve once `done()` holds, re-checking whenever the home directory changes. */
export function until(
  dir: string,
  done: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve();
    const w = watch(dir, () => {
      if (done()) finish();
    });
    // A pidfile can go away with no event the watcher sees (the process is killed): look too.
    const poll = setInterval(() => done() && finish(), 100);
    const timer = setTimeout(() => {
      cleanup();
      reject(new CcAgentError('timeout', `timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      w.close();
      clearInterval(poll);
      clearTimeout(timer);
    };
    const finish = (): void => {
      cleanup();
      resolve();
    };
  });
}
