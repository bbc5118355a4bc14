import { CcAgentError, stripAnsi } from '../engine/index.js';
import { requireArg, textArg } from './args.js';
import type { Command } from './types.js';

export const send: Command = {
  usage: 'send <id> "message"',
  summary: 'Send a message to a running agent, submitted as exactly one prompt.',
  text: { what: 'message' },
  help: `The message is sent literally (bracketed paste, then Enter): quotes, $(), newlines and key
names such as Enter arrive as typed. Use -- before a message that starts with a dash, or '-' to
read it from stdin.`,
  flags: {},
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const text = await textArg(io, 1, 'message', this.usage);
    await io.engine().send(id, text);
    return 0;
  },
};

export const capture: Command = {
  usage: 'capture <id> [lines]',
  summary:
    "Print the agent's rendered screen: the last N lines (default 50), trailing blanks trimmed.",
  help: `Options:
      --ansi   keep colours (escape sequences)`,
  flags: { ansi: { type: 'boolean' } },
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const raw = io.input[1] ?? '50';
    const lines = Number(raw);
    if (!Number.isInteger(lines) || lines <= 0) {
      throw new CcAgentError('bad_input', `invalid line count '${raw}' (a positive whole number)`);
    }
    io.out(await io.engine().capture(id, lines, { ansi: Boolean(io.flags['ansi']) }));
    io.engine().seen(id);
    return 0;
  },
};

export const output: Command = {
  usage: 'output <id> [--strip-ansi]',
  summary: 'Print everything the agent has printed (its tmux pipe-pane log).',
  help: `Options:
      --strip-ansi   remove escape sequences (also the default for jobs started with --strip-ansi)`,
  flags: { stripAnsi: { type: 'boolean' } },
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    const text = io.engine().output(id, { stripAnsi: Boolean(io.flags['stripAnsi']) });
    process.stdout.write(text);
    io.engine().seen(id);
    return 0;
  },
};

export const watch: Command = {
  usage: 'watch <id>',
  summary: "Stream the agent's output as it comes, until the job ends or Ctrl-C.",
  help: `Options:
      --strip-ansi   remove escape sequences from the stream`,
  flags: { stripAnsi: { type: 'boolean' } },
  async run(io) {
    const strip = Boolean(io.flags['stripAnsi']);
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const id = requireArg(io, 0, 'job id', this.usage);
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
  },
};

export const attach: Command = {
  usage: 'attach <id> [--switch]',
  summary: "Print the tmux command that attaches to the agent's session.",
  help: `Inside tmux (on the same server) --switch moves this client to the agent's session;
come back with tmux's own 'prefix L' (last session) or 'prefix s'.

Options:
      --switch   switch this tmux client to the agent now`,
  flags: { switch: { type: 'boolean' } },
  async run(io) {
    const engine = io.engine();
    const id = requireArg(io, 0, 'job id', this.usage);
    const cmd = engine.attachCommand(id);
    if (io.flags['switch']) {
      if (!io.env['TMUX']) throw new CcAgentError('refused', '--switch works only inside tmux');
      await engine.switchTo(id);
      engine.seen(id);
      return 0;
    }
    io.out(cmd.argv.map(shellWord).join(' '));
    if (io.env['TMUX'])
      io.err(
        `inside tmux: cc-agent attach ${id} --switch (or: ${cmd.switchArgv.map(shellWord).join(' ')})`,
      );
    return 0;
  },
};

const shellWord = (w: string): string =>
  /^[\w@%+=:,./=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
