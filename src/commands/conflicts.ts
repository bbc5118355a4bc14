import { resolve } from 'node:path';
import { CcAgentError, type ConflictReport } from '../engine/index.js';
import { conflictLine, forecastLine, leaseLine } from '../view/conflicts.js';
import { json } from '../view/format.js';
import * as c from './contracts/conflicts.js';
import { defineCommand, type IoOf } from './types.js';

type ConflictsIo = IoOf<typeof c.conflicts>;

function release(io: ConflictsIo): number {
  const engine = io.engine();
  const job = io.input[1];
  const f = io.flags;
  const given = [job !== undefined, f.file !== undefined, f.all === true].filter(Boolean).length;
  if (given !== 1) {
    throw new CcAgentError(
      'bad_input',
      'conflicts release takes one of: <job>, --file <path>, --all',
    );
  }
  const n = engine.conflicts.release(
    job !== undefined
      ? { job }
      : f.file !== undefined
        ? { file: resolve(io.cwd, f.file) }
        : { all: true },
  );
  io.out(f.json ? json({ released: n }) : `released ${n} lease${n === 1 ? '' : 's'}`);
  return 0;
}

function print(io: ConflictsIo, r: ConflictReport): void {
  const section = (title: string, lines: string[]): void => {
    io.out(`${title} (${lines.length})`);
    for (const l of lines) io.out(`  ${l}`);
  };
  section('Conflicts', r.conflicts.map(conflictLine));
  section('Leases', r.leases.map(leaseLine));
  if (io.flags.forecast) section('Predicted merge conflicts', r.forecasts.map(forecastLine));
}

export const conflicts = defineCommand(c.conflicts, async (io) => {
  const sub = io.input[0] ?? 'list';
  if (sub === 'release') return release(io);
  if (sub !== 'list') {
    throw new CcAgentError(
      'bad_input',
      `unknown conflicts subcommand '${sub}' (expected one of: list, release)`,
    );
  }
  const engine = io.engine();
  await engine.refresh();
  const r = await engine.conflicts.report({ all: io.flags.all, forecast: io.flags.forecast });
  if (io.flags.json) io.out(json(r));
  else print(io, r);
  return 0;
});
