import { CcAgentError, notFound } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { JobRow } from '../store/jobs-repo.js';

export const ORCHESTRATOR_ID = 'orch';
const ID_RE = /^[0-9a-f]{8}$/;
const PREFIX_RE = /^[0-9a-f]{3,7}$/;

export const isJobId = (s: string): boolean => ID_RE.test(s) || s === ORCHESTRATOR_ID;

/** Find a job by full id or a unique prefix of at least 3 hex characters. */
export function findJob(ctx: EngineContext, id: string): JobRow {
  const exact = ctx.jobs.get(id);
  if (exact) return exact;
  if (PREFIX_RE.test(id)) {
    const rows = ctx.jobs.withPrefix(id, 2);
    if (rows.length === 1) return rows[0] as JobRow;
    if (rows.length > 1) {
      throw new CcAgentError('refused', `job id prefix '${id}' is ambiguous; give more characters`);
    }
  }
  throw notFound(id);
}
