import type { EngineContext } from './context.js';
import { syncLeaseMode } from './leases/mode.js';
import { getSetting, setSetting, SETTINGS, type SettingKey } from './store/retention.js';
import { getTextSetting, TEXT_SETTINGS, type TextSettingKey } from './store/text-settings.js';
import { setStoreUrl, shownStoreUrl } from './store/pg/store-url.js';

/** Every setting with its value (null: unset), after setting one when asked. */
export function settings(
  ctx: EngineContext,
  set?: { key: string; value: string },
): Record<string, number | string | null> {
  if (set?.key === 'store.url') setStoreUrl(ctx.paths, set.value);
  else if (set) {
    setSetting(ctx, set.key, set.value);
    if (set.key === 'conflicts.mode') syncLeaseMode(ctx);
  }
  return {
    // Which store the next command opens (this one's is already open).
    'store.url': shownStoreUrl(ctx.env, ctx.paths),
    ...Object.fromEntries(
      (Object.keys(SETTINGS) as SettingKey[]).map((k) => [k, getSetting(ctx, k)]),
    ),
    ...Object.fromEntries(
      (Object.keys(TEXT_SETTINGS) as TextSettingKey[]).map((k) => [k, getTextSetting(ctx, k)]),
    ),
  };
}
