import type { EngineContext } from '../context.js';
import { backendFor } from '../agents/registry.js';
import { screenState, waitForScreen } from '../jobs/screen-wait.js';
import { submitText } from '../jobs/submit.js';
import { announce } from '../notify/notifier.js';
import type { JobRow } from '../store/jobs-repo.js';
import { todayBudget } from './daily.js';
import { budgetError, budgetLine, dailyReachedMessage, usd } from './rules.js';

const STOP_TIMEOUT_MS = 15_000;

/**
 * Budgets, on the live engine's schedule (never in reads): each active job whose cost reached
 * its budget is interrupted and told why, once across every engine (the store claims it); the
 * daily budget, once reached, is announced once per day and limit.
 */
export async function checkBudgets(ctx: EngineContext): Promise<void> {
  for (const row of ctx.jobs.overBudget()) {
    const budget = row.budget_usd ?? 0;
    if (!ctx.jobs.markBudgetReached(row.id, budgetError(budget, row.cost_usd), ctx.now())) continue;
    ctx.saved(row.id);
    announce(ctx, {
      subject: row.id,
      kind: 'budget',
      episode: 'job',
      note: {
        kind: 'budget',
        title: `job ${row.id} reached its budget of ${usd(budget)}`,
        message: `it spent ${usd(row.cost_usd)} and was interrupted (task: ${row.prompt_preview.slice(0, 80)})`,
        job: row.id,
        at: new Date(ctx.now()).toISOString(),
      },
    });
    await stopAtBudget(ctx, row, budget);
  }
  const d = todayBudget(ctx);
  if (d.reached)
    announce(ctx, {
      subject: 'budget:daily',
      kind: 'budget',
      // Once a day per limit: raising it and reaching it again is news again.
      episode: `${d.day}:${d.limitUsd}`,
      note: {
        kind: 'budget',
        title: `daily budget of ${usd(d.limitUsd ?? 0)} reached`,
        message: dailyReachedMessage(d),
        job: null,
        at: new Date(ctx.now()).toISOString(),
      },
    });
}

/** Escape (as `clear` does mid-turn), wait for the turn to stop, then type why. */
async function stopAtBudget(ctx: EngineContext, row: JobRow, budget: number): Promise<void> {
  const tmux = ctx.tmux(row.tmux_socket);
  const patterns = backendFor(row.backend).screen;
  await tmux.sendKeys(row.tmux_session, 'Escape');
  await waitForScreen(tmux, row.tmux_session, (s) => screenState(s, patterns) !== 'busy', {
    timeoutMs: STOP_TIMEOUT_MS,
    what: `waiting for job ${row.id} to stop at its budget`,
  });
  await submitText(ctx, row, budgetLine(budget), STOP_TIMEOUT_MS);
}
