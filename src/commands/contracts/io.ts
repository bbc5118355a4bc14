import { defineContract } from '../contract.js';

export const send = defineContract({
  name: 'send',
  group: 'Talking to agents',
  usage: 'send <id> "message"',
  summary: 'Send a message to a running agent',
  text: { what: 'message' },
  help: `The message is submitted as exactly one prompt, sent literally (bracketed paste, then
Enter): quotes, $(), newlines and key names such as Enter arrive as typed. Use -- before a
message that starts with a dash, or '-' to read it from stdin.`,
  flags: {},
});

export const capture = defineContract({
  name: 'capture',
  group: 'Talking to agents',
  usage: 'capture <id> [lines]',
  summary: "Print the agent's screen (last N lines, default 50)",
  help: `The rendered screen, trailing blanks trimmed.

Options:
      --ansi   keep colours (escape sequences)`,
  flags: { ansi: { type: 'boolean' } },
});

export const output = defineContract({
  name: 'output',
  group: 'Talking to agents',
  usage: 'output <id> [--strip-ansi]',
  summary: 'Print everything the agent printed',
  help: `Its tmux pipe-pane log.

Options:
      --strip-ansi   remove escape sequences (also the default for jobs started with --strip-ansi)`,
  flags: { stripAnsi: { type: 'boolean' } },
});

export const watch = defineContract({
  name: 'watch',
  group: 'Talking to agents',
  usage: 'watch <id>',
  summary: "Stream the agent's output until it ends",
  help: `As it comes, until the job ends or Ctrl-C.

Options:
      --strip-ansi   remove escape sequences from the stream`,
  flags: { stripAnsi: { type: 'boolean' } },
});

export const attach = defineContract({
  name: 'attach',
  group: 'Talking to agents',
  usage: 'attach <id> [--switch]',
  summary: 'Print the tmux command that attaches to an agent',
  help: `Inside tmux (on the same server) --switch moves this client to the agent's session;
come back with tmux's own 'prefix L' (last session) or 'prefix s'.

Options:
      --switch   switch this tmux client to the agent now`,
  flags: { switch: { type: 'boolean' } },
});
