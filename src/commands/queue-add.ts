import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CcAgentError, fieldError, type Task } from '../engine/index.js';
import { textArg } from './args.js';
import type * as c from './contracts/queue.js';
import { json } from '../view/format.js';
import type { Io, IoOf } from './types.js';

type QueueIo = IoOf<typeof c.queue>;

export function priorityOf(io: QueueIo): number {
  const p = io.flags.priority;
  if (p === undefined) return 0;
  if (typeof p !== 'number' || !Number.isInteger(p)) {
    throw fieldError('priority', (n) => `invalid ${n} '${String(p)}' (a whole number)`);
  }
  return p;
}

/** The plan's text: the file named (relative to where the command runs), or stdin for `-`. */
async function planText(io: QueueIo, file: string): Promise<string> {
  if (file === '-') return io.readStdin();
  const path = resolve(io.cwd, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CcAgentError(
      'refused',
      `cannot read the plan ${path} (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
}

/** `queue add "prompt" [--priority N] [--id name] [--after ids]` or `queue add --file plan.json`. */
export async function queueAdd(
  io: QueueIo,
  rest: Pick<Io, 'input' | 'readStdin'>,
): Promise<number> {
  const q = io.engine().queue;
  const show = (tasks: Task[]): void =>
    io.out(
      io.flags.json
        ? json(tasks.length === 1 ? tasks[0] : tasks)
        : tasks.map((t) => t.id).join('\n'),
    );
  const file = io.flags.file;
  if (file === '') throw new CcAgentError('bad_input', 'missing plan file after --file');
  if (file !== undefined) {
    const mixed =
      rest.input.length > 0 ||
      io.flags.id !== undefined ||
      io.flags.after.length > 0 ||
      io.flags.budget !== undefined;
    if (mixed || io.flags.priority !== undefined)
      throw new CcAgentError(
        'bad_input',
        'queue add --file takes the whole plan: no prompt, --id, --after, --budget or --priority beside it',
      );
    show(q.addPlan(await planText(io, file)));
    return 0;
  }
  const priority = priorityOf(io);
  const usage = 'queue add "prompt" [--priority N] [--id name] [--after id,…] [--budget usd]';
  const prompt = await textArg(rest, 0, 'task prompt', usage);
  const more = {
    after: io.flags.after,
    ...(io.flags.id === undefined ? {} : { id: io.flags.id }),
    ...(io.flags.budget === undefined ? {} : { budget: io.flags.budget }),
  };
  show([q.add(prompt, priority, more)]);
  return 0;
}
