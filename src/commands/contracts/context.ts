import { defineContract } from '../contract.js';

export const clear = defineContract({
  name: 'clear',
  group: 'Context',
  usage: 'clear <id>',
  summary: "Clear an agent's context (/clear) and wait until it is done",
  help: `Interrupts a running turn, sends /clear, and waits for the agent to report its new session
(not a fixed sleep); prints the new session id.`,
  flags: {},
});

export const usage = defineContract({
  name: 'usage',
  group: 'Context',
  usage: 'usage <id> [--json]',
  summary: "Show an agent's token usage (/usage)",
  help: `Opens the agent's /usage view, prints its figures, and closes it again.
The cost is cc-agent's, from the agent's transcript (the same figure as status and jobs);
the other lines are what the agent's own view shows (tokens, context, turns, plan limits).

Options:
      --json   {cost, figures: [{label, value}]}`,
  flags: { json: { type: 'boolean' } },
});

export const reuse = defineContract({
  name: 'reuse',
  group: 'Context',
  usage: 'reuse <id> "prompt"',
  summary: 'Clear an agent and give it a new task',
  text: { what: 'prompt' },
  help: `Faster than kill + start. Use -- before a prompt that starts with a dash, or '-' to read it
from stdin.`,
  flags: {},
});
