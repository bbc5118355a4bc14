import { requireArg } from './args.js';
import { json, mergeOutcome } from '../view/format.js';
import * as c from './contracts/worktrees.js';
import { defineCommand } from './types.js';

export const diff = defineCommand(c.diff, async (io) => {
  const id = requireArg(io, 0, 'job id', c.diff.usage);
  const color = io.flags.color || process.stdout.isTTY === true;
  const text = await io.engine().worktrees.diff(id, { stat: io.flags.stat, color });
  if (text !== '') io.out(text);
  else io.err(`job ${id} has changed nothing yet`);
  return 0;
});

export const merge = defineCommand(c.merge, async (io) => {
  const id = requireArg(io, 0, 'job id', c.merge.usage);
  const r = await io.engine().worktrees.merge(id);
  if (io.flags.json) {
    io.out(json(r));
    return r.status === 'conflict' ? 1 : 0;
  }
  const out = mergeOutcome(id, r);
  if (out.error) io.err(out.text);
  else io.out(out.text);
  return out.error ? 1 : 0;
});
