import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFault } from '../faults.js';
import type { Paths } from '../paths.js';
import type { Job } from './job-types.js';

/** Write a file so readers see the old or the new content, never a torn one. */
export function writeAtomic(file: string, data: string | Buffer, mode?: number): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw describeFault(e) ?? e;
  }
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  try {
    writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
    renameSync(tmp, file);
  } catch (e) {
    // A full disk (half a temp file), an immutable target (rename refused): the temp file
    // goes, the target keeps its old content, and the user learns which file and why.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // a folder we cannot write to never got the temp file
    }
    const err = e as NodeJS.ErrnoException & { dest?: string };
    throw describeFault(Object.assign(err, { dest: file })) ?? e;
  }
}

/** The jobs/<id>.json mirror: the store's view of a job for Unix tools (SQLite stays the truth). */
export function writeMirror(paths: Paths, job: Job): void {
  writeAtomic(paths.mirror(job.id), JSON.stringify(job, null, 2) + '\n');
}

export function removeJobFiles(paths: Paths, id: string): void {
  for (const file of [
    paths.prompt(id),
    paths.log(id),
    paths.mirror(id),
    paths.exitFile(id),
    paths.settings(id),
  ]) {
    rmSync(file, { force: true });
  }
}
