import { CcAgentError, parseDuration } from '../engine/index.js';
import { requireArg } from './args.js';
import { json, localTime } from '../view/format.js';
import * as c from './contracts/kill.js';
import { defineCommand } from './types.js';

export const kill = defineCommand(c.kill, async (io) => {
  const engine = io.engine();
  if (io.flags.completed) {
    if (io.input.length > 0)
      throw new CcAgentError('bad_input', 'kill --completed takes no job id');
    const removed = await engine.killEnded();
    io.out(io.flags.json ? json({ removed }) : `removed ${removed.length} ended session(s)`);
    return 0;
  }
  const r = await engine.kill(requireArg(io, 0, 'job id', c.kill.usage));
  if (io.flags.json) io.out(json(r));
  else if (r.wasRunning) io.out(`killed ${r.job.id}`);
  else {
    const how = r.job.exitCode !== null ? `, exit ${r.job.exitCode}` : '';
    const extra = r.sessionRemoved ? '; removed its tmux session' : '';
    io.out(`${r.job.id} had already ended (${r.job.status}${how})${extra}`);
  }
  return 0;
});

export const clean = defineCommand(c.clean, async (io) => {
  const given = io.flags.olderThan;
  const age = parseDuration(given);
  const cutoff = localTime(Date.now() - age);
  const r = await io.engine().clean(age, { force: io.flags.force });
  const n = r.removed.length;
  if (io.flags.json) io.out(json(r));
  else
    io.out(
      `removed ${n} job${n === 1 ? '' : 's'} that ended before ${cutoff} (older than ${given})`,
    );
  for (const k of r.kept) {
    io.err(`kept ${k.id}: its worktree holds unmerged work (${k.reason}); merge it or use --force`);
  }
  return r.kept.length > 0 ? 1 : 0;
});

export const del = defineCommand(c.del, async (io) => {
  const id = await io
    .engine()
    .delete(requireArg(io, 0, 'job id', c.del.usage), { force: io.flags.force });
  io.out(`deleted ${id}`);
  return 0;
});
