import type { KindInsight, SetupFigures } from '../engine/index.js';
import { duration, json, table } from '../view/format.js';
import * as c from './contracts/insights.js';
import { defineCommand } from './types.js';

const pct = (r: number): string => `${Math.round(r * 100)}%`;
const setupName = (s: Pick<SetupFigures, 'model' | 'effort'>): string =>
  `${s.model ?? 'default'}/${s.effort ?? 'default'}`;

function rows(k: KindInsight): string[][] {
  return k.setups.map((s, i) => [
    i === 0 ? k.kind : '',
    i === 0 ? k.sandbox : '',
    setupName(s),
    String(s.runs),
    pct(s.successRate),
    s.medianMs === null ? '-' : duration(s.medianMs),
    String(Math.round(s.medianTokens)),
    `$${s.medianCostUsd.toFixed(2)}`,
    k.recommended && setupName(k.recommended) === setupName(s) ? 'recommended' : '',
  ]);
}

export const insights = defineCommand(c.insights, async (io) => {
  const all = io.engine().insights();
  if (io.flags.json) {
    io.out(json(all));
    return 0;
  }
  if (all.length === 0) {
    io.out('no finished jobs yet: insights learn from what agents did');
    return 0;
  }
  io.out(
    table(
      ['KIND', 'SANDBOX', 'MODEL/EFFORT', 'RUNS', 'SUCCESS', 'MEDIAN TIME', 'TOKENS', 'COST', ''],
      all.flatMap(rows),
    ),
  );
  return 0;
});
