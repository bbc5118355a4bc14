import { asksForHuman, unseenTurn } from '../view/attention.js';
import * as c from './contracts/tui.js';
import { defineCommand } from './types.js';

/**
 * For tmux's status line: `set -g status-right '#(cc-agent status-line)'`. Prints how many
 * agents need attention (a question, a dialog, a finished turn nobody has seen), or nothing.
 * Reads the store only: no tmux call, no refresh, so it is cheap at every status interval.
 */
export const statusLine = defineCommand(c.statusLine, async (io) => {
  const jobs = io
    .engine()
    .jobsNow()
    .filter((j) => j.status === 'running');
  const asking = jobs.filter(asksForHuman).length;
  const unseen = jobs.filter(unseenTurn).length;
  const attention = asking + unseen;
  if (io.flags.json) {
    io.out(JSON.stringify({ attention, asking, unseen, running: jobs.length }));
  } else if (attention > 0) {
    io.out(`⚑ ${attention} need${attention === 1 ? 's' : ''} you · ${jobs.length} running`);
  }
  return 0;
});
