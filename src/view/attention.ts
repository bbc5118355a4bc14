import type { Job } from '../engine/index.js';

/** Waits on a human: a tool-permission question or a dialog such as folder trust. */
export const asksForHuman = (j: Job): boolean =>
  j.status === 'running' && (j.activity === 'needs_permission' || j.activity === 'blocked');

/** Finished a turn nobody has looked at yet. */
export const unseenTurn = (j: Job): boolean => j.status === 'running' && j.activity === 'waiting';

/** Needs the user: every face (TUI, status line, browser) counts attention by this. */
export const needsAttention = (j: Job): boolean => asksForHuman(j) || unseenTurn(j);
