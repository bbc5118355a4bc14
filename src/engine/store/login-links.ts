import { createHash, randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';

/** How long an approval link logs the page in: a day, then it is refused (and pruned). */
export const LINK_TTL_MS = 24 * 60 * 60 * 1000;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A single-use login for the browser view that opens one approval. Only the token's SHA-256
 * is stored: the store (or a backup of it) holds nothing that logs anyone in.
 */
export function mintLoginLink(ctx: EngineContext, approvalId: string): string {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  ctx.db
    .prepare(
      'INSERT INTO login_links (hash, approval_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    )
    .run(hashOf(token), approvalId, now, now + LINK_TTL_MS);
  return token;
}

/** The approval an unused, unexpired link opens; nothing is used up. */
export function peekLoginLink(ctx: EngineContext, token: string): string | undefined {
  const v = ctx.db
    .prepare(
      'SELECT approval_id FROM login_links WHERE hash = ? AND used_at IS NULL AND expires_at > ?',
    )
    .pluck()
    .get(hashOf(token), ctx.now());
  return typeof v === 'string' ? v : undefined;
}

/** Use the link up (once, whoever asks first) and say which approval it opens. */
export function redeemLoginLink(ctx: EngineContext, token: string): string | undefined {
  const now = ctx.now();
  const hash = hashOf(token);
  return ctx.db.transaction(() => {
    const used = ctx.db
      .prepare(
        'UPDATE login_links SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ?',
      )
      .run(now, hash, now).changes;
    if (used !== 1) return undefined;
    return ctx.db
      .prepare('SELECT approval_id FROM login_links WHERE hash = ?')
      .pluck()
      .get(hash) as string;
  })();
}
