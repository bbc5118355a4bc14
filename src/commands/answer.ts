import { oneOf } from '../engine/index.js';
import { requireArg } from './args.js';
import * as c from './contracts/agents.js';
import { defineCommand } from './types.js';

const ANSWERS = ['yes', 'no', 'always'] as const;

export const answer = defineCommand(c.answer, async (io) => {
  const id = requireArg(io, 0, 'job id', c.answer.usage);
  const a = requireArg(io, 1, 'answer', c.answer.usage);
  const what = await io.engine().answer(id, oneOf(ANSWERS, a, 'answer'));
  io.out(
    `answered ${a} to job ${id}'s ${what === 'trust' ? 'folder-trust' : 'permission'} question`,
  );
  return 0;
});
