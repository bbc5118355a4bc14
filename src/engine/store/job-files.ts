import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Paths } from '../paths.js';
import type { Job } from './job-types.js';

/** Write a file so readers see the old or the new content, never a torn one. */
export function writeAtomic(file: string, data: string | Buffer, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(16).slice(2)}`;
  writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
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
