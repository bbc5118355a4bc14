import type { LeaseVerdict } from '../store/lease-types.js';

const OUTCOMES = new Set(['took', 'own', 'conflict', 'denied', 'skip']);
/** A lease directory's name as the relay makes it: the key's cksum and length. */
export const LEASE_DIR = /^[0-9]+-[0-9]+$/;
const ID = /^[A-Za-z0-9_-]+$/;

/**
 * The relay's verdicts from a spool envelope, each checked: a malformed one (a hand-made spool
 * file, an owner file someone edited) is dropped, never trusted, and never costs the event.
 */
export function leaseVerdicts(raw: unknown): LeaseVerdict[] {
  if (!Array.isArray(raw)) return [];
  const out: LeaseVerdict[] = [];
  for (const v of raw as unknown[]) {
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const { dir, key, path, holder, outcome, mode } = o;
    if (
      typeof dir === 'string' &&
      LEASE_DIR.test(dir) &&
      typeof key === 'string' &&
      key !== '' &&
      typeof path === 'string' &&
      path.startsWith('/') &&
      typeof holder === 'string' &&
      (ID.test(holder) || holder === 'unknown') &&
      typeof outcome === 'string' &&
      OUTCOMES.has(outcome) &&
      (mode === 'warn' || mode === 'block')
    ) {
      out.push({ dir, key, path, holder, outcome: outcome as LeaseVerdict['outcome'], mode });
    }
  }
  return out;
}
