import { oneOf, TASK_STATUSES, type Task, type TaskStatus } from '../engine/index.js';
import { requireArg, subcommand } from './args.js';
import { json, table } from '../view/format.js';
import { afterText, taskState, waitWords } from '../view/task-deps.js';
import * as c from './contracts/queue.js';
import { queueAdd } from './queue-add.js';
import { defineCommand, type Io, type IoOf } from './types.js';

const SUBCOMMANDS = ['add', 'list', 'remove', 'done', 'fail', 'retry'] as const;

function statusOf(io: IoOf<typeof c.queue>): TaskStatus | undefined {
  const s = io.flags.status;
  return s === undefined ? undefined : oneOf(TASK_STATUSES, s, '--status');
}

/**
 * The task to report: the one named, or (run by an agent cc-agent started, which has
 * CC_AGENT_JOB_ID) the one task that agent holds.
 */
function taskId(io: Io, rest: Pick<Io, 'input'>, sub: 'done' | 'fail'): string {
  if (rest.input[0] !== undefined) return requireArg(rest, 0, 'task id', `queue ${sub} <id>`);
  const agent = io.env['CC_AGENT_JOB_ID'];
  const held = agent
    ? io
        .engine()
        .queue.list('running')
        .filter((t) => t.jobId === agent)
    : [];
  if (held.length === 1) return (held[0] as Task).id;
  return requireArg(rest, 0, 'task id', `queue ${sub} <id>`);
}

/** One row; AFTER draws the graph, and a blocked task says which failed task holds it. */
const line = (t: Task): string[] => {
  const blocked = taskState(t) === 'blocked' ? `  [${waitWords(t)}]` : '';
  return [
    t.id,
    taskState(t),
    String(t.priority),
    t.jobId ?? '',
    afterText(t),
    (t.prompt.split('\n')[0] ?? '').slice(0, 80) + blocked,
  ];
};

export const queue = defineCommand(c.queue, async (io) => {
  const sub = subcommand(io, SUBCOMMANDS, 'queue');
  const q = io.engine().queue;
  const rest = { input: io.input.slice(1), readStdin: () => io.readStdin() };
  const show = (t: Task): void => io.out(io.flags.json ? json(t) : `${t.id}  ${t.status}`);
  switch (sub) {
    case 'add':
      return queueAdd(io, rest);
    case 'list': {
      await io.engine().refresh(); // tasks past their timeout fail here
      const tasks = q.list(statusOf(io));
      if (io.flags.json) io.out(json(tasks));
      else if (tasks.length === 0)
        io.out('the queue is empty (add one: cc-agent queue add "task")');
      else io.out(table(['ID', 'STATUS', 'PRIO', 'AGENT', 'AFTER', 'TASK'], tasks.map(line)));
      return 0;
    }
    case 'remove':
      q.remove(requireArg(rest, 0, 'task id', 'queue remove <id>'));
      io.out(`removed ${rest.input[0]}`);
      return 0;
    case 'done':
      show(q.done(taskId(io, rest, 'done'), io.flags.result));
      return 0;
    case 'retry':
      show(q.retry(requireArg(rest, 0, 'task id', 'queue retry <id>')));
      return 0;
    default:
      show(q.fail(taskId(io, rest, 'fail'), io.flags.error));
      return 0;
  }
});
