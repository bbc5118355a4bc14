import type { EngineContext } from '../context.js';
import type { FinishedRun } from '../store/analytics-reads.js';
import type { Effort, Job } from '../store/job-types.js';
import { kindOf } from './kinds.js';
import { groupBy } from '../group-by.js';

/** How many finished runs insights learn from (the newest). */
const LEARN_FROM = 5000;
/** A model/effort needs this many runs of a kind before it is recommended for it. */
export const MIN_RUNS = 3;

/** One model and effort's record on one kind of task. */
export interface SetupFigures {
  model: string | null;
  effort: Effort | null;
  runs: number;
  /** Completed ÷ runs (failed and killed count as not). */
  successRate: number;
  medianMs: number | null;
  medianTokens: number;
  medianCostUsd: number;
}

/** A kind of task (kinds.ts) in a sandbox, and how each setup did on it. */
export interface KindInsight {
  kind: string;
  sandbox: string;
  runs: number;
  successRate: number;
  medianMs: number | null;
  setups: SetupFigures[];
  /** The setup to use for it: see `recommend`; null below MIN_RUNS for every setup. */
  recommended: { model: string | null; effort: Effort | null } | null;
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const tokensOf = (j: Job): number =>
  j.tokens.input + j.tokens.output + j.tokens.cacheRead + j.tokens.cacheCreation;
const rate = (runs: readonly FinishedRun[]): number =>
  runs.length === 0 ? 0 : runs.filter((r) => r.status === 'completed').length / runs.length;

/**
 * The rule (README: Insights): among the setups with at least MIN_RUNS runs of the kind, the
 * highest success rate; within 10 points of it, the cheapest by median cost; then the fastest.
 */
export function recommend(
  setups: readonly SetupFigures[],
): { model: string | null; effort: Effort | null } | null {
  const known = setups.filter((s) => s.runs >= MIN_RUNS);
  if (known.length === 0) return null;
  const best = Math.max(...known.map((s) => s.successRate));
  const good = known
    .filter((s) => s.successRate >= best - 0.1)
    .sort(
      (a, b) =>
        a.medianCostUsd - b.medianCostUsd ||
        (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity) ||
        b.successRate - a.successRate,
    );
  const pick = good[0] as SetupFigures;
  return { model: pick.model, effort: pick.effort };
}

function figures(runs: readonly FinishedRun[]): SetupFigures[] {
  const by = groupBy(runs, (r) => `${r.job.model ?? ''}\0${r.job.effort ?? ''}`);
  return [...by.values()]
    .map((list) => {
      const j = (list[0] as FinishedRun).job;
      const ms = list.flatMap((r) => (r.ms === null ? [] : [r.ms]));
      return {
        model: j.model,
        effort: j.effort,
        runs: list.length,
        successRate: rate(list),
        medianMs: ms.length ? median(ms) : null,
        medianTokens: median(list.map((r) => tokensOf(r.job))),
        medianCostUsd: median(list.map((r) => r.job.costUsd)),
      };
    })
    .sort(
      (a, b) =>
        b.runs - a.runs ||
        b.successRate - a.successRate ||
        `${a.model}/${a.effort}`.localeCompare(`${b.model}/${b.effort}`),
    );
}

/** Per kind of task and sandbox: success, time, tokens and cost by model and effort. */
export function insights(ctx: EngineContext): KindInsight[] {
  const by = groupBy(
    ctx.store.analytics.finished(LEARN_FROM),
    (r) => `${kindOf(r.job.promptPreview)}\0${r.job.sandbox}`,
  );
  return [...by.entries()]
    .map(([k, runs]) => {
      const [kind = 'other', sandbox = ''] = k.split('\0');
      const setups = figures(runs);
      const ms = runs.flatMap((r) => (r.ms === null ? [] : [r.ms]));
      return {
        kind,
        sandbox,
        runs: runs.length,
        successRate: rate(runs),
        medianMs: ms.length ? median(ms) : null,
        setups,
        recommended: recommend(setups),
      };
    })
    .sort((a, b) => b.runs - a.runs || a.kind.localeCompare(b.kind));
}

/** The setup history recommends for a prompt in a sandbox, if any (`start --auto`). */
export function setupFor(
  ctx: EngineContext,
  prompt: string,
  sandbox: string,
): { model: string | null; effort: Effort | null; kind: string } | undefined {
  // History keeps each prompt's first line: the same line names the kind here.
  const kind = kindOf(prompt.trim().split('\n')[0] ?? '');
  const hit = insights(ctx).find((i) => i.kind === kind && i.sandbox === sandbox)?.recommended;
  return hit ? { ...hit, kind } : undefined;
}
