import { CcAgentError, healthWithoutStore, type HealthReport } from '../engine/index.js';
import { json } from '../view/format.js';
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

const LABEL = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/** The last line, from the same checks as the exit code: `Status: failed (tmux), with 1 warning (codex)`. */
function verdict(r: HealthReport): string {
  const named = (level: 'warn' | 'fail'): string[] =>
    r.checks.filter((c) => c.level === level).map((c) => c.name);
  const fails = named('fail');
  const warns = named('warn');
  const head = r.ok ? 'ok' : `failed (${fails.join(', ')})`;
  const tail = warns.length
    ? `, with ${warns.length} warning${warns.length === 1 ? '' : 's'} (${warns.join(', ')})`
    : '';
  return `Status: ${head}${tail}`;
}

export const health: Command = {
  usage: 'health [--json]',
  summary: 'Check tmux, each agent CLI and its version, the home, free disk and the store.',
  help: `FAIL and exit 1 when tmux, the home (writable), the disk (100 MB free) or the store (opens,
passes SQLite's integrity check, has its write-ahead log) is not usable. A missing agent CLI
is a warning (exit 0): another agent may be installed. The last line sums it up:
Status: ok | ok, with N warnings (…) | failed (…).

Options:
      --json   the report as JSON`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const r = await report(io);
    if (io.flags['json']) io.out(json(r));
    else {
      for (const c of r.checks) io.out(`${LABEL[c.level]}  ${c.name.padEnd(7)} ${c.detail}`);
      io.out(verdict(r));
    }
    return r.ok ? 0 : 1;
  },
};
