import { fieldError } from '../errors.js';

/** Far beyond any real spend; keeps a typo (1e308) from reading as "no limit". */
export const MAX_BUDGET_USD = 1_000_000;

/**
 * A budget in USD as typed (`--budget 2.5`, a task's budget, `budget.daily_usd`): a positive
 * number up to MAX_BUDGET_USD. `field` names what was given, for the one-line error.
 */
export function parseBudgetUsd(value: unknown, field = 'budget', as?: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  const blank = typeof value === 'string' && value.trim() === '';
  if (blank || !Number.isFinite(n) || n <= 0 || n > MAX_BUDGET_USD)
    throw fieldError(
      field,
      (name) =>
        `invalid ${name} '${String(value)}' (a positive number of USD up to ${MAX_BUDGET_USD}, e.g. 2.50)`,
      as,
    );
  return n;
}

/** An amount as every face writes it: cents, more digits only when the amount needs them. */
export function usd(n: number): string {
  return n >= 0.01 || n === 0 ? `$${n.toFixed(2)}` : `$${Number(n.toPrecision(2))}`;
}

/** The line typed to an agent stopped at its budget (its screen keeps it, for whoever looks). */
export const budgetLine = (budget: number): string =>
  `cc-agent: budget of ${usd(budget)} reached; stopping`;

/** What a job stopped at its budget says in its error (status, jobs, the TUI row). */
export const budgetError = (budget: number, cost: number): string =>
  `budget reached: ${usd(cost)} of ${usd(budget)}`;

/** The local calendar day of `ms` (YYYY-MM-DD): the daily budget starts over at local midnight. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Where today stands against `budget.daily_usd` (null: no daily budget). */
export interface DailyBudget {
  day: string;
  limitUsd: number | null;
  spentUsd: number;
  /** Nothing new starts and the queue pauses. */
  reached: boolean;
}

export function dailyBudget(day: string, limitUsd: number | null, spentUsd: number): DailyBudget {
  return { day, limitUsd, spentUsd, reached: limitUsd !== null && spentUsd >= limitUsd };
}

/** Why a start (or a dispatch) is refused: one line, saying how to lift it. */
export const dailyReachedMessage = (d: DailyBudget): string =>
  `daily budget reached: ${usd(d.spentUsd)} spent today of budget.daily_usd ${usd(d.limitUsd ?? 0)}; nothing new starts until tomorrow (or raise it: cc-agent settings budget.daily_usd <usd>)`;
