import { defineContract } from '../contract.js';
import { JOB_STATUSES } from '../../engine/vocabulary.js';

export const jobs = defineContract({
  name: 'jobs',
  group: 'Agents',
  usage: 'jobs [--json] [--status <s>]',
  summary: 'List jobs (running > pending > failed > killed > completed)',
  help: `Sorted running > pending > failed > killed > completed, newest first.

Options:
      --status <s>   only jobs with this status (${JOB_STATUSES.join(', ')})
      --json         the full job records as a JSON array

Jobs started with --worktree add a BRANCH column: their branch, commits ahead of (and behind)
the branch they came from, uncommitted files ("dirty"), or "merged" when nothing is left to merge.`,
  flags: { json: { type: 'boolean' }, status: { type: 'string' } },
});

export const status = defineContract({
  name: 'status',
  group: 'Agents',
  usage: 'status <id> [--json]',
  summary: 'Show one job',
  help: `Its status, agent, session, timings, exit code.

Options:
      --json   the job record as JSON`,
  flags: { json: { type: 'boolean' } },
});
