import { defineContract } from '../contract.js';

export const queue = defineContract({
  name: 'queue',
  group: 'Orchestration',
  usage:
    'queue add "prompt" [--priority N] [--id name] [--after id,…] | add --file plan.json | list [--status S] [--json] | remove <id> | done <id> [--result R] | fail <id> [--error E] | retry <id>',
  summary: 'The task queue: add, list, remove, done, fail, retry; tasks may wait on others',
  text: { what: 'task', sub: 'add' },
  help: `The orchestrator's task queue: highest priority first, then oldest, each task once every
task it comes after is done.

Subcommands:
  add "prompt" [--priority N]   queue a task (priority: a whole number, higher runs sooner; default 0)
      [--budget <usd>]          the workers started for it are stopped at this cost
      [--id name]               name it (lowercase letters, digits, - and _, at most 32); a taken id is refused
      [--after id,…]            run it only after these tasks are done (repeat or comma-list the flag)
  add --file plan.json          add a whole plan at once, or nothing if any of it is wrong ('-': stdin):
                                {"tasks": [{"id": "a", "prompt": "…", "priority": 0, "after": ["…"]}, …]}
                                ("after": ids in the plan or already queued; a cycle is refused)
  list [--status S] [--json]    tasks: running, then pending in the order they will run, then ended;
                                AFTER is what each waits for; a pending task shows as waiting (a
                                prerequisite not done yet) or blocked (one failed); --json keeps the
                                status pending and gives after, waitingOn and blockedBy
  remove <id>                   drop a task that is not running (nor waited on by a pending task)
  done [<id>] [--result R]      report a task done (the orchestrator does this; run by an agent
                                cc-agent started, the id defaults to the one task it holds)
  fail [<id>] [--error E]       report a task failed: what comes after it is blocked
  retry <id>                    a failed task back to pending; what it blocked waits on it again
A running task nobody reports fails after 'queue.task_timeout_minutes' (cc-agent settings), so the
queue never stalls.`,
  flags: {
    priority: { type: 'number' },
    budget: { type: 'string' },
    id: { type: 'string' },
    after: { type: 'string', isMultiple: true },
    // `--file -` reads stdin: the parser would take a lone '-' for a positional.
    file: { type: 'string', optionalValue: /^(?:-|[^-].*)$/ },
    status: { type: 'string' },
    json: { type: 'boolean' },
    result: { type: 'string' },
    error: { type: 'string' },
  },
});
