import type { DailyBudget } from '../engine/index.js';

const usd = (n: number): string => `$${n.toFixed(2)}`;

/**
 * The banner both faces show once the day's budget is reached (budget.daily_usd): nothing new
 * starts and the queue is paused until tomorrow or a higher limit. Empty while under it.
 */
export function budgetBanner(d: DailyBudget | null | undefined): string {
  if (!d?.reached || d.limitUsd === null) return '';
  return `daily budget reached: ${usd(d.spentUsd)} of ${usd(d.limitUsd)} spent today · nothing new starts, the queue is paused (raise it: cc-agent settings budget.daily_usd <usd>)`;
}

/** "$1.20 of $5.00 today" for a header, or '' when no daily budget is set. */
export function budgetFigure(d: DailyBudget | null | undefined): string {
  if (!d || d.limitUsd === null) return '';
  return `${usd(d.spentUsd)} of ${usd(d.limitUsd)} today`;
}
