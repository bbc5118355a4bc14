import { oneOf } from '../engine/index.js';
import { requireArg } from './args.js';
import type { Command } from './types.js';

const ANSWERS = ['yes', 'no', 'always'] as const;

export const answer: Command = {
  usage: 'answer <id> yes|no|always',
  summary:
    "Answer the agent's folder-trust or permission question (activity blocked / needs_permission).",
  help: `yes     trust the folder, or allow the tool call once
no      refuse (a trust refusal ends the agent, as in Claude Code)
always  allow the tool call and don't ask again this session`,
  flags: {},
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const a = requireArg(io, 1, 'answer', this.usage);
    const what = await io.engine().answer(id, oneOf(ANSWERS, a, 'answer'));
    io.out(
      `answered ${a} to job ${id}'s ${what === 'trust' ? 'folder-trust' : 'permission'} question`,
    );
    return 0;
  },
};
