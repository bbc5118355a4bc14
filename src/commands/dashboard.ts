import * as c from './contracts/serve.js';
import { noFlags } from './flags.js';
import { serveCommand } from './serve.js';
import { defineCommand } from './types.js';

/**
 * The guide's names for the browser view (`cc-agent dashboard [--port N]`, `dashboard-stop`):
 * the same server as `serve --detach` and `serve stop`, nothing of their own.
 */
export const dashboard = defineCommand(c.dashboard, (io) =>
  serveCommand.run({ ...io, flags: { ...io.flags, detach: true, json: false } }),
);

export const dashboardStop = defineCommand(c.dashboardStop, (io) =>
  serveCommand.run({
    ...io,
    input: ['stop', ...io.input],
    // serve's own flags, none given: dashboard-stop takes none.
    flags: noFlags(c.serve, []).flags,
  }),
);
