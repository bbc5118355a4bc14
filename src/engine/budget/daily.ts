import type { EngineContext } from '../context.js';
import { refused } from '../errors.js';
import { getTextSetting } from '../store/text-settings.js';
import { dailyBudget, dailyReachedMessage, localDay, type DailyBudget } from './rules.js';

/** Today's spend against `budget.daily_usd`, as the store has it now. */
export function todayBudget(ctx: EngineContext): DailyBudget {
  const day = localDay(ctx.now());
  const set = getTextSetting(ctx, 'budget.daily_usd');
  return dailyBudget(day, set === null ? null : Number(set), ctx.store.spend.spentOn(day));
}

/** At the daily budget nothing new starts: one line saying so and how to lift it. */
export function refuseOverDailyBudget(ctx: EngineContext): void {
  const d = todayBudget(ctx);
  if (d.reached) throw refused(dailyReachedMessage(d));
}
