import { CcAgentError, type JobStatus } from '../engine/index.js';
import { requireArg } from './args.js';
import {
  activityLabel,
  contextLabel,
  costLabel,
  elapsed,
  jobDetails,
  json,
  modelLabel,
  statusLabel,
  table,
  tokensLabel,
} from './format.js';
import type { Command } from './types.js';

const STATUSES: readonly JobStatus[] = ['pending', 'running', 'completed', 'failed', 'killed'];

export const jobs: Command = {
  usage: 'jobs [--json] [--status <s>]',
  summary: 'List jobs, sorted running > pending > failed > killed > completed, newest first.',
  help: `Options:
      --status <s>   only jobs with this status (${STATUSES.join(', ')})
      --json         the full job records as a JSON array`,
  flags: { json: { type: 'boolean' }, status: { type: 'string' } },
  async run(io) {
    const status = io.flags['status'] as string | undefined;
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new CcAgentError(
        'bad_input',
        `invalid --status '${status}' (expected one of: ${STATUSES.join(', ')})`,
      );
    }
    const list = await io.engine().list(status ? [status as JobStatus] : undefined);
    if (io.flags['json']) {
      io.out(json(list));
      return 0;
    }
    if (list.length === 0) {
      io.out('no jobs (start one: cc-agent start "prompt")');
      return 0;
    }
    const now = Date.now();
    io.out(
      table(
        [
          'ID',
          'STATUS',
          'ACTIVITY',
          'AGENT',
          'MODEL',
          'ELAPSED',
          'TOKENS',
          'CTX',
          'COST',
          'PROMPT',
        ],
        list.map((j) => [
          j.id,
          statusLabel(j),
          activityLabel(j).slice(0, 40),
          j.backend,
          modelLabel(j),
          elapsed(j, now),
          tokensLabel(j),
          contextLabel(j),
          costLabel(j),
          j.promptPreview,
        ]),
      ),
    );
    return 0;
  },
};

export const status: Command = {
  usage: 'status <id> [--json]',
  summary: 'Show one job: status, agent, session, timings, exit code.',
  help: `Options:
      --json   the job record as JSON`,
  flags: { json: { type: 'boolean' } },
  async run(io) {
    const job = await io.engine().get(requireArg(io, 0, 'job id', this.usage));
    io.out(io.flags['json'] ? json(job) : jobDetails(job));
    return 0;
  },
};
