import { randomBytes } from 'node:crypto';
import type { JobsRepo } from '../store/jobs-repo.js';

/** A fresh 8-hex id not in the store. Hex ids can never equal the orchestrator's `orch`. */
export function newJobId(jobs: JobsRepo): string {
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (!jobs.get(id)) return id;
  }
}

export const isPrimaryKeyClash = (e: unknown): boolean =>
  (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

export const sessionName = (id: string): string => `cc-agent-${id}`;
