import { CcAgentError, parseDuration } from '../engine/index.js';
import { requireArg } from './args.js';
import { json, localTime } from '../view/format.js';
import type { Command } from './types.js';

export const kill: Command = {
  usage: 'kill <id> | kill --completed',
  summary: "Kill an agent's tmux session; --completed removes the sessions of every ended job.",
  help: `Options:
      --completed   remove leftover sessions of completed, failed and killed jobs
      --json        print the result as JSON`,
  flags: { completed: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(io) {
    const engine = io.engine();
    if (io.flags['completed']) {
      if (io.input.length > 0)
        throw new CcAgentError('bad_input', 'kill --completed takes no job id');
      const removed = await engine.killEnded();
      io.out(io.flags['json'] ? json({ removed }) : `removed ${removed.length} ended session(s)`);
      return 0;
    }
    const r = await engine.kill(requireArg(io, 0, 'job id', this.usage));
    if (io.flags['json']) io.out(json(r));
    else if (r.wasRunning) io.out(`killed ${r.job.id}`);
    else {
      const how = r.job.exitCode !== null ? `, exit ${r.job.exitCode}` : '';
      const extra = r.sessionRemoved ? '; removed its tmux session' : '';
      io.out(`${r.job.id} had already ended (${r.job.status}${how})${extra}`);
    }
    return 0;
  },
};

export const clean: Command = {
  usage: 'clean [--older-than 7d] [--force]',
  summary: 'Forget ended jobs (session, files, row) that ended longer ago than --older-than.',
  help: `Options:
      --older-than <age>   e.g. 30m, 12h, 7d, 2w (default 7d)
      --force              also remove worktrees holding unmerged work
      --json               print the removed and kept ids as JSON

A job whose worktree holds work not merged into its base (commits, uncommitted files) is kept
and named, and clean exits 1: merge it (cc-agent merge <id>) or pass --force.`,
  flags: { olderThan: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(io) {
    const given = (io.flags['olderThan'] as string | undefined) ?? '7d';
    const age = parseDuration(given);
    const cutoff = localTime(Date.now() - age);
    const r = await io.engine().clean(age, { force: io.flags['force'] === true });
    const n = r.removed.length;
    if (io.flags['json']) io.out(json(r));
    else
      io.out(
        `removed ${n} job${n === 1 ? '' : 's'} that ended before ${cutoff} (older than ${given})`,
      );
    for (const k of r.kept) {
      io.err(
        `kept ${k.id}: its worktree holds unmerged work (${k.reason}); merge it or use --force`,
      );
    }
    return r.kept.length > 0 ? 1 : 0;
  },
};

export const del: Command = {
  usage: 'delete <id> [--force]',
  summary: 'Delete a job: kill its session, remove its worktree, files and record.',
  help: `Options:
      --force   also when its worktree holds work not merged into its base`,
  flags: { force: { type: 'boolean' } },
  async run(io) {
    const id = await io
      .engine()
      .delete(requireArg(io, 0, 'job id', this.usage), { force: io.flags['force'] === true });
    io.out(`deleted ${id}`);
    return 0;
  },
};
