import { defineContract } from '../contract.js';

export const queue = defineContract({
  name: 'queue',
  group: 'Orchestration',
  usage:
    'queue add "prompt" [--priority N] | list [--status S] [--json] | remove <id> | done <id> [--result R] | fail <id> [--error E]',
  summary: 'The task queue: add, list, remove, done, fail',
  text: { what: 'task', sub: 'add' },
  help: `The orchestrator's task queue: highest priority first, then oldest.

Subcommands:
  add "prompt" [--priority N]   queue a task (priority: a whole number, higher runs sooner; default 0)
      [--budget <usd>]          the workers started for it are stopped at this cost
  list [--status S] [--json]    tasks: running, then pending in the order they will run, then ended
  remove <id>                   drop a task that is not running
  done [<id>] [--result R]      report a task done (the orchestrator does this; run by an agent
                                cc-agent started, the id defaults to the one task it holds)
  fail [<id>] [--error E]       report a task failed
A running task nobody reports fails after 'queue.task_timeout_minutes' (cc-agent settings), so the
queue never stalls.`,
  flags: {
    priority: { type: 'number' },
    budget: { type: 'string' },
    status: { type: 'string' },
    json: { type: 'boolean' },
    result: { type: 'string' },
    error: { type: 'string' },
  },
});
