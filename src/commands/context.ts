import { requireArg, textArg } from './args.js';
import type { Command } from './types.js';

export const clear: Command = {
  usage: 'clear <id>',
  summary: "Clear the agent's context: interrupt a running turn, send /clear, wait until done.",
  help: 'Waits for the agent to report its new session (not a fixed sleep) and prints the new session id.',
  flags: {},
  async run(io) {
    const session = await io.engine().clear(requireArg(io, 0, 'job id', this.usage));
    io.out(session ?? 'cleared');
    return 0;
  },
};

export const usage: Command = {
  usage: 'usage <id>',
  summary: "Open the agent's /usage view, print it, and close it again.",
  help: '',
  flags: {},
  async run(io) {
    io.out(await io.engine().usage(requireArg(io, 0, 'job id', this.usage)));
    return 0;
  },
};

export const reuse: Command = {
  usage: 'reuse <id> "prompt"',
  summary: 'Clear the agent and give it a new task (faster than kill + start).',
  help: "Use -- before a prompt that starts with a dash, or '-' to read it from stdin.",
  flags: {},
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    await io.engine().reuse(id, await textArg(io, 1, 'prompt', this.usage));
    return 0;
  },
};
