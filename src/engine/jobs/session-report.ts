import type { EngineContext } from '../context.js';
import { transcriptState } from '../state/enrich.js';
import type { Job } from '../store/job-types.js';
import { toJob } from '../store/jobs-repo.js';
import { findJob } from './lookup.js';

export interface SessionReport {
  job: Job;
  transcriptPath: string | null;
  toolCalls: Record<string, number>;
  userMessages: number;
  assistantMessages: number;
  compactions: number;
  model: string | null;
  lastMessage: string | null;
}

/** A job with what its transcript says: tools by name, messages, tokens, files. A read. */
export function sessionReport(ctx: EngineContext, id: string): SessionReport {
  const job = toJob(findJob(ctx, id));
  const t = transcriptState(ctx, job.id);
  return {
    job,
    transcriptPath: t?.path ?? null,
    toolCalls: t?.stats.toolCalls ?? {},
    userMessages: t?.stats.userMessages ?? 0,
    assistantMessages: t?.stats.assistantMessages ?? 0,
    compactions: t?.stats.compactions ?? 0,
    model: t?.stats.model ?? job.model,
    lastMessage: t?.stats.lastAssistantText ?? null,
  };
}
