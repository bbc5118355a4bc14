import { json } from './format.js';
import type { Command } from './types.js';

export const health: Command = {
  usage: 'health [--json]',
  summary: 'Check tmux, each agent CLI and its version, the store, and free disk.',
  help: `Exits non-zero when tmux, the store or the disk is not usable (a missing agent CLI is
reported but is not fatal: another agent may be installed).

Options:
      --json   the report as JSON`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const report = await io.engine().health();
    if (io.flags['json']) io.out(json(report));
    else {
      for (const c of report.checks)
        io.out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(7)} ${c.detail}`);
      io.out(report.ok ? 'Status: ready' : 'Status: NOT ready');
    }
    return report.ok ? 0 : 1;
  },
};
