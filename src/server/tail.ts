import { watch } from 'node:fs';
import { logReader } from '../engine/index.js';

/**
 * Follow a growing file from byte `offset`: each change reads only the new bytes (never the
 * whole file). Returns a function that stops following.
 */
export function tail(path: string, offset: number, onData: (text: string) => void): () => void {
  const reader = logReader(path, offset, onData);
  const watcher = watch(path, () => reader.read());
  reader.read();
  return () => watcher.close();
}
