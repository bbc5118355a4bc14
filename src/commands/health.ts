import { CcAgentError, healthWithoutStore, type HealthReport } from '../engine/index.js';
import { json } from '../view/format.js';
import * as c from './contracts/setup.js';
import { defineCommand, type Io } from './types.js';

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

export const health = defineCommand(c.health, async (io) => {
  const r = await report(io);
  if (io.flags.json) io.out(json(r));
  else {
    for (const c of r.checks) io.out(`${LABEL[c.level]}  ${c.name.padEnd(7)} ${c.detail}`);
    io.out(verdict(r));
  }
  return r.ok ? 0 : 1;
});
