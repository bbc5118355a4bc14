import { usageFigures } from '../engine/index.js';
import { requireArg, textArg } from './args.js';
import { costLabel, json } from '../view/format.js';
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
  usage: 'usage <id> [--json]',
  summary: "Open the agent's /usage view, print its figures, and close it again.",
  help: `The cost is cc-agent's, from the agent's transcript (the same figure as status and jobs);
the other lines are what the agent's own view shows (tokens, context, turns, plan limits).

Options:
      --json   {cost, figures: [{label, value}]}`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const engine = io.engine();
    const id = requireArg(io, 0, 'job id', this.usage);
    const screen = await engine.usage(id);
    await engine.refresh();
    const job = await engine.get(id);
    // The agent's own cost estimate would disagree with status and jobs: one cost, cc-agent's.
    const figures = usageFigures(screen, job.backend).filter((f) => !/\bcost\b/i.test(f.label));
    if (io.flags['json']) {
      io.out(json({ cost: job.costUsd, figures }));
      return 0;
    }
    if (figures.length === 0) {
      // A view these patterns do not know: the screen itself rather than nothing.
      io.out(screen);
      return 0;
    }
    const rows = [
      ['cost', costLabel(job)],
      ...figures.map((f) => [f.label.toLowerCase(), f.value]),
    ];
    const width = Math.max(...rows.map(([label]) => (label as string).length));
    io.out(rows.map(([label, value]) => `${(label as string).padEnd(width)}  ${value}`).join('\n'));
    return 0;
  },
};

export const reuse: Command = {
  usage: 'reuse <id> "prompt"',
  summary: 'Clear the agent and give it a new task (faster than kill + start).',
  text: { what: 'prompt' },
  help: "Use -- before a prompt that starts with a dash, or '-' to read it from stdin.",
  flags: {},
  async run(io) {
    const id = requireArg(io, 0, 'job id', this.usage);
    await io.engine().reuse(id, await textArg(io, 1, 'prompt', this.usage));
    return 0;
  },
};
