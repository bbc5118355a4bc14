import { fieldError } from '../errors.js';

/** Far beyond any real use, and well inside SQLite's 64-bit integers (-1e20 is not). */
export const MAX_PRIORITY = 1_000_000;

export function validPriority(priority: number): number {
  if (!Number.isInteger(priority) || Math.abs(priority) > MAX_PRIORITY)
    throw fieldError(
      'priority',
      (n) => `invalid ${n} '${priority}' (a whole number from -${MAX_PRIORITY} to ${MAX_PRIORITY})`,
      'priority',
    );
  return priority;
}
