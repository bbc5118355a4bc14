import { oneOf, type Job, type JobStatus, type WorktreeState } from '../engine/index.js';
import { requireArg } from './args.js';
import {
  activityLabel,
  branchLabel,
  contextLabel,
  costLabel,
  elapsed,
  jobDetails,
  json,
  modelLabel,
  statusLabel,
  table,
  tokensLabel,
} from '../view/format.js';
import { byId, hostStatus } from '../view/hosts.js';
import { taskLabel } from '../view/task-label.js';
import * as c from './contracts/jobs.js';
import { defineCommand } from './types.js';

/** The job as JSON, with its worktree's live state (dirty, ahead, behind, merged) when it has one. */
const withWorktreeState = (
  j: Job,
  s: WorktreeState | undefined,
): Job | (Job & { worktreeState: WorktreeState }) => (s ? { ...j, worktreeState: s } : j);

const STATUSES: readonly JobStatus[] = ['pending', 'running', 'completed', 'failed', 'killed'];

export const jobs = defineCommand(c.jobs, async (io) => {
  const given = io.flags.status;
  const status = given === undefined ? undefined : oneOf(STATUSES, given, '--status');
  const engine = io.engine();
  await engine.refresh(); // a one-shot face: catch up first (reads have no side effects)
  const list = await engine.list(status ? [status as JobStatus] : undefined);
  // git only for jobs that have a worktree (four quick calls each).
  const trees = await engine.worktrees.states(list);
  if (io.flags.json) {
    io.out(json(list.map((j) => withWorktreeState(j, trees.get(j.id)))));
    return 0;
  }
  if (list.length === 0) {
    io.out('no jobs (start one: cc-agent start "prompt")');
    return 0;
  }
  const now = Date.now();
  const branches = trees.size > 0;
  // Many hosts: which one runs each job, and `unknown` for a running job whose host is down.
  const shared = engine.hosts.shared;
  const hosts = byId(shared ? engine.hosts.list() : []);
  io.out(
    table(
      [
        'ID',
        ...(shared ? ['HOST'] : []),
        'STATUS',
        'ACTIVITY',
        'AGENT',
        'MODEL',
        'ELAPSED',
        'TOKENS',
        'CTX',
        'COST',
        ...(branches ? ['BRANCH'] : []),
        'PROMPT',
      ],
      list.map((j) => [
        j.id,
        ...(shared ? [j.host ?? '-'] : []),
        hostStatus(j, hosts) ?? statusLabel(j),
        activityLabel(j).slice(0, 40),
        j.backend,
        modelLabel(j),
        elapsed(j, now),
        tokensLabel(j),
        contextLabel(j),
        costLabel(j),
        ...(branches ? [branchLabel(j, trees.get(j.id))] : []),
        taskLabel(j),
      ]),
    ),
  );
  return 0;
});

export const status = defineCommand(c.status, async (io) => {
  const engine = io.engine();
  await engine.refresh();
  const job = await engine.get(requireArg(io, 0, 'job id', c.status.usage));
  const tree = job.worktree ? await engine.worktrees.state(job.id) : undefined;
  io.out(io.flags.json ? json(withWorktreeState(job, tree)) : jobDetails(job, tree));
  return 0;
});
