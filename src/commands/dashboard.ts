import { serveCommand } from './serve.js';
import type { Command } from './types.js';

/**
 * The guide's names for the browser view (`cc-agent dashboard [--port N]`, `dashboard-stop`):
 * the same server as `serve --detach` and `serve stop`, nothing of their own.
 */
export const dashboard: Command = {
  usage: 'dashboard [--port 3131] [--host 127.0.0.1] [--origin URL]',
  summary: 'Start the browser view in the background: the same as serve --detach.',
  help: 'See: cc-agent serve --help. Stop it with cc-agent dashboard-stop (or serve stop).',
  flags: {
    port: { type: 'number' },
    host: { type: 'string' },
    origin: { type: 'string', isMultiple: true },
  },
  run: (io) => serveCommand.run({ ...io, flags: { ...io.flags, detach: true } }),
};

export const dashboardStop: Command = {
  usage: 'dashboard-stop',
  summary: 'Stop the background browser view: the same as serve stop.',
  help: '',
  flags: {},
  run: (io) => serveCommand.run({ ...io, input: ['stop', ...io.input] }),
};
