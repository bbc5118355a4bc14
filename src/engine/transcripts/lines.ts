import { openSync, readSync } from 'node:fs';

export const DEFAULT_CHUNK = 64 * 1024;
const LF = 0x0a;

/**
 * Read bytes [from, to) of an open file in chunks and hand every COMPLETE line (without its '\n')
 * to `onLine`. Lines are cut on the byte 0x0A, which never occurs inside a UTF-8 multi-byte
 * sequence, and decoded whole, so characters split across chunks come out intact. Returns the
 * offset just past the last '\n': a trailing partial line is left for the next call.
 */
export function scanLines(
  fd: number,
  from: number,
  to: number,
  onLine: (line: string) => void,
  chunkSize = DEFAULT_CHUNK,
): number {
  const buf = Buffer.allocUnsafe(Math.max(1, chunkSize));
  /** Pieces of the line being assembled (kept as a list: no quadratic re-concatenation). */
  let pending: Buffer[] = [];
  let consumed = from;
  let pos = from;
  while (pos < to) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
    if (n <= 0) break; // the file shrank while we read: stop at what is complete
    const chunk = buf.subarray(0, n);
    const chunkStart = pos;
    pos += n;
    let start = 0;
    let nl = chunk.indexOf(LF, 0);
    while (nl !== -1) {
      const piece = chunk.subarray(start, nl);
      const line =
        pending.length > 0
          ? Buffer.concat([...pending, piece]).toString('utf8')
          : piece.toString('utf8');
      pending = [];
      consumed = chunkStart + nl + 1;
      onLine(line);
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    // Copy: `buf` is reused for the next chunk.
    if (start < n) pending.push(Buffer.from(chunk.subarray(start)));
  }
  return consumed;
}

/** Open a file for reading, or null when it is not there (yet). */
export function openIfExists(path: string): number | null {
  try {
    return openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * scanLines for JSONL: every complete line that parses is handed over as a value; blank, torn
 * or corrupt lines are skipped (the agents themselves skip them too).
 */
export function scanJsonLines(
  fd: number,
  from: number,
  to: number,
  onRecord: (record: unknown) => void,
  chunkSize = DEFAULT_CHUNK,
): number {
  return scanLines(
    fd,
    from,
    to,
    (line) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        return;
      }
      onRecord(record);
    },
    chunkSize,
  );
}
