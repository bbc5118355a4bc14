import { closeSync, openSync, readSync, statSync, watch } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Follow a growing file from byte `offset`: each change reads only the new bytes (never the
 * whole file), decoded across chunk boundaries. Returns a function that stops following.
 */
export function tail(path: string, offset: number, onData: (text: string) => void): () => void {
  const decoder = new StringDecoder('utf8');
  let at = offset;
  const pump = (): void => {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return;
    }
    if (size < at) at = 0; // truncated (a cleaned log): start over
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
  };
  const watcher = watch(path, pump);
  pump();
  return () => watcher.close();
}

export const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};
