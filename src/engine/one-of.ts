import { fieldError } from './errors.js';

/**
 * A value that must be one of a fixed list (a status, a sandbox, an answer): the value itself,
 * typed, or one line naming what was given and what is allowed. `what` is the field as the
 * user typed it (`--status`, `answer`); the error carries the field (`status`, `answer`) for
 * the faces that name it otherwise.
 */
export function oneOf<T extends string>(list: readonly T[], value: string, what: string): T {
  if (!(list as readonly string[]).includes(value)) {
    const field = what.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    throw fieldError(
      field,
      (name) => `invalid ${name} '${value}' (expected one of: ${list.join(', ')})`,
      what,
    );
  }
  return value as T;
}
