import { badInput } from './errors.js';

/**
 * A value that must be one of a fixed list (a status, a sandbox, an answer): the value itself,
 * typed, or one line naming what was given and what is allowed. `what` is the field as the
 * user typed it (`--status`, `answer`).
 */
export function oneOf<T extends string>(list: readonly T[], value: string, what: string): T {
  if (!(list as readonly string[]).includes(value)) {
    throw badInput(`invalid ${what} '${value}' (expected one of: ${list.join(', ')})`);
  }
  return value as T;
}
