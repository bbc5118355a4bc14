import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { EngineContext } from '../context.js';
import { getTextSetting } from '../store/text-settings.js';

/**
 * conflicts.mode as the relay reads it: a marker file (a shell `test -e`, no store access on
 * every edit). Set whenever the setting changes and on each refresh, so it takes effect for
 * agents already running.
 */
export function syncLeaseMode(ctx: EngineContext): void {
  const block = getTextSetting(ctx, 'conflicts.mode') === 'block';
  const marker = ctx.paths.fileLeasesBlockAll;
  if (block === existsSync(marker)) return;
  if (block) {
    mkdirSync(ctx.paths.fileLeases, { recursive: true });
    writeFileSync(marker, '');
  } else {
    rmSync(marker, { force: true });
  }
}
