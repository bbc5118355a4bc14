import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { CcAgentError } from '../errors.js';
import { describeFault } from '../faults.js';

/**
 * Replace `file` all at once: the bytes go to a temp file beside it (same directory, so the
 * rename cannot cross file systems), get `mode`, reach the disk, and are renamed over it. A
 * reader sees the old file or the new one, never half of one, and on any failure the temp file
 * is removed and `file` is as it was.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode: number): void {
  const tmp = `${file}.cc-agent-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
    // The umask does not apply to fchmod: the new file gets exactly the old one's mode.
    fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw asOneLine(e, file);
  }
}

/** Remove directories we created (innermost first) if they are empty again; never fails. */
export function removeEmptyDirs(outermostFirst: readonly string[]): void {
  for (const d of [...outermostFirst].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      // Not empty (someone else's file), or already gone: leave it.
    }
  }
}

/** Any failure as one line naming `path`: a CcAgentError passes through as it is. */
export function asOneLine(e: unknown, path: string): CcAgentError {
  if (e instanceof CcAgentError) return e;
  // Read-only, immutable or full: the same one line (with what to do) as every other write.
  const fault = describeFault(Object.assign(Object.create(e as object) as object, { dest: path }));
  if (fault)
    return new CcAgentError(fault.code, `${fault.message}; nothing was changed`, { cause: e });
  const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
  return new CcAgentError('refused', `cannot write ${path} (${code}); nothing was changed`, {
    cause: e,
  });
}
