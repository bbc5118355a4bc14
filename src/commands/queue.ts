import { fieldError, oneOf, TASK_STATUSES, type Task, type TaskStatus } from '../engine/index.js';
import { requireArg, textArg, subcommand } from './args.js';
import { json, table } from '../view/format.js';
import * as c from './contracts/queue.js';
import { defineCommand, type Io, type IoOf } from './types.js';

const SUBCOMMANDS = ['add', 'list', 'remove', 'done', 'fail'] as const;

function priorityOf(io: IoOf<typeof c.queue>): number {
  const p = io.flags.priority;
  if (p === undefined) return 0;
  if (typeof p !== 'number' || !Number.isInteger(p)) {
    throw fieldError('priority', (n) => `invalid ${n} '${String(p)}' (a whole number)`);
  }
  return p;
}

function statusOf(io: IoOf<typeof c.queue>): TaskStatus | undefined {
  const s = io.flags.status;
  return s === undefined ? undefined : oneOf(TASK_STATUSES, s, '--status');
}

/**
 * The task to report: the one named, or (run by an agent cc-agent started, which has
 * CC_AGENT_JOB_ID) the one task that agent holds.
 */
function taskId(io: Io, rest: Io, sub: 'done' | 'fail'): string {
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

const line = (t: Task): string[] => [
  t.id,
  t.status,
  String(t.priority),
  t.jobId ?? '',
  (t.prompt.split('\n')[0] ?? '').slice(0, 80),
];

export const queue = defineCommand(c.queue, async (io) => {
  const sub = subcommand(io, SUBCOMMANDS, 'queue');
  const q = io.engine().queue;
  const rest: Io = { ...io, input: io.input.slice(1) };
  const show = (t: Task): void => io.out(io.flags.json ? json(t) : `${t.id}  ${t.status}`);
  switch (sub) {
    case 'add': {
      const priority = priorityOf(io);
      const prompt = await textArg(rest, 0, 'task prompt', 'queue add "prompt" [--priority N]');
      io.out(q.add(prompt, priority, io.flags.budget).id);
      return 0;
    }
    case 'list': {
      await io.engine().refresh(); // tasks past their timeout fail here
      const tasks = q.list(statusOf(io));
      if (io.flags.json) io.out(json(tasks));
      else if (tasks.length === 0)
        io.out('the queue is empty (add one: cc-agent queue add "task")');
      else io.out(table(['ID', 'STATUS', 'PRIO', 'AGENT', 'TASK'], tasks.map(line)));
      return 0;
    }
    case 'remove':
      q.remove(requireArg(rest, 0, 'task id', 'queue remove <id>'));
      io.out(`removed ${rest.input[0]}`);
      return 0;
    case 'done':
      show(q.done(taskId(io, rest, 'done'), io.flags.result));
      return 0;
    default:
      show(q.fail(taskId(io, rest, 'fail'), io.flags.error));
      return 0;
  }
});
