import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Resolve a program on PATH to an absolute path, the way execvp would; undefined if absent. */
export function which(
  program: string,
  pathEnv: string | undefined = process.env['PATH'],
): string | undefined {
  const candidates = isAbsolute(program)
    ? [program]
    : (pathEnv ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
