import { CcAgentError, stripAnsi } from '../engine/index.js';
import { requireArg, textArg } from './args.js';
import * as c from './contracts/io.js';
import { defineCommand } from './types.js';

export const send = defineCommand(c.send, async (io) => {
  const id = requireArg(io, 0, 'job id', c.send.usage);
  const text = await textArg(io, 1, 'message', c.send.usage);
  await io.engine().send(id, text);
  return 0;
});

export const capture = defineCommand(c.capture, async (io) => {
  const id = requireArg(io, 0, 'job id', c.capture.usage);
  const raw = io.input[1] ?? '50';
  const lines = Number(raw);
  if (!Number.isInteger(lines) || lines <= 0) {
    throw new CcAgentError('bad_input', `invalid line count '${raw}' (a positive whole number)`);
  }
  io.out(await io.engine().capture(id, lines, { ansi: io.flags.ansi }));
  io.engine().seen(id);
  return 0;
});

export const output = defineCommand(c.output, async (io) => {
  const id = requireArg(io, 0, 'job id', c.output.usage);
  const text = io.engine().output(id, { stripAnsi: io.flags.stripAnsi });
  process.stdout.write(text);
  io.engine().seen(id);
  return 0;
});

export const watch = defineCommand(c.watch, async (io) => {
  const strip = io.flags.stripAnsi;
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const id = requireArg(io, 0, 'job id', c.watch.usage);
  io.engine().seen(id);
  try {
    const job = await io
      .engine()
      .watch(id, (text) => process.stdout.write(strip ? stripAnsi(text) : text), ac.signal);
    if (!ac.signal.aborted)
      io.err(
        `\n[cc-agent] job ${job.id} ${job.status}${job.exitCode !== null ? ` (exit ${job.exitCode})` : ''}`,
      );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
});

export const attach = defineCommand(c.attach, async (io) => {
  const engine = io.engine();
  const id = requireArg(io, 0, 'job id', c.attach.usage);
  const cmd = engine.attachCommand(id);
  if (io.flags.switch) {
    if (!io.env['TMUX']) throw new CcAgentError('refused', '--switch works only inside tmux');
    await engine.switchTo(id);
    engine.seen(id);
    return 0;
  }
  io.out(cmd.argv.map(shellWord).join(' '));
  // Another host's session is reached over ssh only: no switching to it from here.
  if (io.env['TMUX'] && !cmd.host)
    io.err(
      `inside tmux: cc-agent attach ${id} --switch (or: ${cmd.switchArgv.map(shellWord).join(' ')})`,
    );
  return 0;
});

const shellWord = (w: string): string =>
  /^[\w@%+=:,./=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
