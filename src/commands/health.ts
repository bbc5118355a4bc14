import { CcAgentError, healthWithoutStore, type HealthReport } from '../engine/index.js';
import { json } from './format.js';
import type { Command, Io } from './types.js';

/** With no engine (a read-only home, a full disk), the checks that say why still run. */
async function report(io: Io): Promise<HealthReport> {
  try {
    return await io.engine().health();
  } catch (e) {
    if (!(e instanceof CcAgentError)) throw e;
    return healthWithoutStore(e, io.env);
  }
}

export const health: Command = {
  usage: 'health [--json]',
  summary: 'Check tmux, each agent CLI and its version, the home, free disk and the store.',
  help: `Exits non-zero when tmux, the home (writable), the disk (100 MB free) or the store (opens,
passes SQLite's integrity check, has its write-ahead log) is not usable. A missing agent CLI
is reported but is not fatal: another agent may be installed.

Options:
      --json   the report as JSON`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const r = await report(io);
    if (io.flags['json']) io.out(json(r));
    else {
      for (const c of r.checks)
        io.out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(7)} ${c.detail}`);
      io.out(r.ok ? 'Status: ready' : 'Status: NOT ready');
    }
    return r.ok ? 0 : 1;
  },
};
