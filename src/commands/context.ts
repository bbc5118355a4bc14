import { usageFigures } from '../engine/index.js';
import { requireArg, textArg } from './args.js';
import { costLabel, json } from '../view/format.js';
import * as c from './contracts/context.js';
import { defineCommand } from './types.js';

export const clear = defineCommand(c.clear, async (io) => {
  const session = await io.engine().clear(requireArg(io, 0, 'job id', c.clear.usage));
  io.out(session ?? 'cleared');
  return 0;
});

export const usage = defineCommand(c.usage, async (io) => {
  const engine = io.engine();
  const id = requireArg(io, 0, 'job id', c.usage.usage);
  const screen = await engine.usage(id);
  await engine.refresh();
  const job = await engine.get(id);
  // The agent's own cost estimate would disagree with status and jobs: one cost, cc-agent's.
  const figures = usageFigures(screen, job.backend).filter((f) => !/\bcost\b/i.test(f.label));
  if (io.flags.json) {
    io.out(json({ cost: job.costUsd, figures }));
    return 0;
  }
  if (figures.length === 0) {
    // A view these patterns do not know: the screen itself rather than nothing.
    io.out(screen);
    return 0;
  }
  const rows: [string, string][] = [
    ['cost', costLabel(job)],
    ...figures.map((f): [string, string] => [f.label.toLowerCase(), f.value]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  io.out(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
  return 0;
});

export const reuse = defineCommand(c.reuse, async (io) => {
  const id = requireArg(io, 0, 'job id', c.reuse.usage);
  await io.engine().reuse(id, await textArg(io, 1, 'prompt', c.reuse.usage));
  return 0;
});
