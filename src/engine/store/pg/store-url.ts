import { readFileSync, rmSync } from 'node:fs';
import { badInput } from '../../errors.js';
import type { Paths } from '../../paths.js';
import { writeAtomic } from '../job-files.js';
import { redact } from './pg-db.js';

/**
 * Where the store is: CC_AGENT_DATABASE_URL, else the URL `settings store.url` wrote beside
 * the home's other files, else undefined (the home's own SQLite file). The setting cannot live
 * in the store it chooses; it is a file of this host's, readable by its owner alone.
 */
export function storeUrl(
  env: NodeJS.ProcessEnv,
  paths: Pick<Paths, 'storeUrl'>,
): string | undefined {
  const set = env['CC_AGENT_DATABASE_URL'];
  if (set) return checkUrl(set, 'CC_AGENT_DATABASE_URL');
  try {
    const text = readFileSync(paths.storeUrl, 'utf8').trim();
    return text ? checkUrl(text, 'store.url') : undefined;
  } catch {
    return undefined;
  }
}

/** `settings store.url <url>`: kept for the next command (an empty value goes back to SQLite). */
export function setStoreUrl(paths: Pick<Paths, 'storeUrl'>, value: string): void {
  if (value === '') return rmSync(paths.storeUrl, { force: true });
  writeAtomic(paths.storeUrl, `${checkUrl(value, 'store.url')}\n`, 0o600);
}

/** What `settings` shows: the URL in use or set, never its password. */
export const shownStoreUrl = (
  env: NodeJS.ProcessEnv,
  paths: Pick<Paths, 'storeUrl'>,
): string | null => {
  const url = storeUrl(env, paths);
  return url === undefined ? null : redact(url);
};

function checkUrl(value: string, what: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw badInput(`invalid ${what}: not a URL (expected postgres://user@host:port/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw badInput(
      `invalid ${what} '${redact(value)}' (expected postgres://user@host:port/database)`,
    );
  return value;
}
