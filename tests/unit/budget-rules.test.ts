import { describe, expect, it } from 'vitest';
import {
  budgetError,
  budgetLine,
  dailyBudget,
  dailyReachedMessage,
  localDay,
  MAX_BUDGET_USD,
  parseBudgetUsd,
  usd,
} from '../../src/engine/budget/rules.js';
import { CcAgentError } from '../../src/engine/errors.js';
import { budgetBanner, budgetFigure } from '../../src/view/budget.js';

describe('budget rules', () => {
  it('takes a positive amount up to the cap, typed or given, and names the field when not', () => {
    expect(parseBudgetUsd('2.5')).toBe(2.5);
    expect(parseBudgetUsd(0.01)).toBe(0.01);
    expect(parseBudgetUsd(String(MAX_BUDGET_USD))).toBe(MAX_BUDGET_USD);
    for (const bad of ['', ' ', 'abc', '0', '-1', 'NaN', 'Infinity', '1e308', null, {}]) {
      expect(() => parseBudgetUsd(bad, 'budget'), String(bad)).toThrow(CcAgentError);
    }
    expect(() => parseBudgetUsd('x', 'budget.daily_usd', 'budget.daily_usd')).toThrow(
      "invalid budget.daily_usd 'x' (a positive number of USD up to 1000000, e.g. 2.50)",
    );
  });

  it('writes amounts in cents, and tiny ones with the digits they need', () => {
    expect(usd(0)).toBe('$0.00');
    expect(usd(1.5)).toBe('$1.50');
    expect(usd(0.004321)).toBe('$0.0043');
    expect(budgetLine(0.2)).toBe('cc-agent: budget of $0.20 reached; stopping');
    expect(budgetError(0.2, 0.31)).toBe('budget reached: $0.31 of $0.20');
  });

  it('starts the day over at local midnight and says when the daily budget is reached', () => {
    const noon = new Date(2026, 11, 6, 12, 0, 0).getTime();
    expect(localDay(noon)).toBe('2026-12-06');
    expect(localDay(new Date(2026, 11, 6, 23, 59, 59).getTime())).toBe('2026-12-06');
    expect(localDay(new Date(2026, 11, 7, 0, 0, 0).getTime())).toBe('2026-12-07');
    expect(dailyBudget('2026-12-06', null, 50).reached).toBe(false);
    expect(dailyBudget('2026-12-06', 5, 4.99).reached).toBe(false);
    const reached = dailyBudget('2026-12-06', 5, 5);
    expect(reached.reached).toBe(true);
    expect(dailyReachedMessage(reached)).toBe(
      'daily budget reached: $5.00 spent today of budget.daily_usd $5.00; nothing new starts until tomorrow (or raise it: cc-agent settings budget.daily_usd <usd>)',
    );
  });

  it("the faces' banner shows only once reached; the figure only with a limit", () => {
    expect(budgetBanner(dailyBudget('d', 5, 1))).toBe('');
    expect(budgetBanner(null)).toBe('');
    expect(budgetBanner(dailyBudget('d', 5, 6.2))).toBe(
      'daily budget reached: $6.20 of $5.00 spent today · nothing new starts, the queue is paused (raise it: cc-agent settings budget.daily_usd <usd>)',
    );
    expect(budgetFigure(dailyBudget('d', null, 3))).toBe('');
    expect(budgetFigure(dailyBudget('d', 20, 4.2))).toBe('$4.20 of $20.00 today');
  });
});
