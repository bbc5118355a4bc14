import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface LogReader {
  /** Hand `onData` whatever was written since the last read (never the whole file again). */
  read(): void;
  /** The last bytes of a character split across reads, once no more are coming. */
  end(): void;
}

/**
 * Read a growing file (an agent's pipe-pane log) from byte `offset` on, a chunk at a time,
 * decoding UTF-8 across chunk boundaries so a multi-byte character is never split. A file that
 * shrank (a cleaned log) is read again from its start.
 */
export function logReader(path: string, offset: number, onData: (text: string) => void): LogReader {
  const decoder = new StringDecoder('utf8');
  let at = offset;
  return {
    read() {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        return;
      }
      if (size < at) at = 0;
      while (at < size) {
        const fd = openSync(path, 'r');
        try {
          const buf = Buffer.alloc(Math.min(size - at, 1 << 20));
          const n = readSync(fd, buf, 0, buf.length, at);
          if (n === 0) break;
          at += n;
          const text = decoder.write(buf.subarray(0, n));
          if (text) onData(text);
        } finally {
          closeSync(fd);
        }
      }
    },
    end() {
      const rest = decoder.end();
      if (rest) onData(rest);
    },
  };
}

/** A file's size, 0 when it is not there (yet). */
export const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};
