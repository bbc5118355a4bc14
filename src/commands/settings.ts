import { CcAgentError } from '../engine/index.js';
import { json } from '../view/format.js';
import type { Command } from './types.js';

export const settings: Command = {
  usage: 'settings [<key> <value>] [--json]',
  summary: 'Show or change settings (retention, queue task timeout, notifications).',
  help: `Without arguments: every setting and its value. With a key and a value: set it.

Keys:
  retention.hook_events_days     keep hook events this many days (default 30)
  retention.job_history_days     keep finished-job records this many days (default 365)
  retention.daily_metrics_days   keep daily metrics this many days (default 730)
  queue.task_timeout_minutes     a running task nobody reports fails after this long (default 60)
  approvals.max_age_hours        pending approvals older than this expire (default 24)
  notify.command                 run for each notification, JSON on stdin: a JSON argv array,
                                 no shell, e.g. '["ntfy","publish","mytopic"]' ('' unsets)
  notify.url                     the browser view's address as your phone reaches it (the
                                 base of approval links; default: the running serve's URL)
  notify.debounce_seconds        one notification per job and kind this often (default 30)
  notify.timeout_seconds         notify.command is killed after this long (default 10)

Options:
      --json   as JSON`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const [key, value] = io.input;
    if (key !== undefined && value === undefined) {
      throw new CcAgentError(
        'bad_input',
        `missing value for ${key} (usage: cc-agent ${this.usage})`,
      );
    }
    const all = io
      .engine()
      .settings(key !== undefined && value !== undefined ? { key, value } : undefined);
    if (io.flags['json']) io.out(json(all));
    else for (const [k, v] of Object.entries(all)) io.out(`${k.padEnd(30)} ${v ?? '-'}`);
    return 0;
  },
};
