import { statSync } from 'node:fs';
import { localDay } from '../budget/rules.js';
import { limitDetail, usageLimit } from '../limits/detect.js';
import type { EngineContext } from '../context.js';
import type { HookEventRecord } from '../events/emitter.js';
import {
  contextPct,
  newReaderState,
  primaryTool,
  readIncrement,
  type ReaderState,
} from '../transcripts/index.js';

/** The transcript each job's newest event points at (hook payloads name it: no guessing). */
export function transcriptPaths(records: readonly HookEventRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    const path = r.payload['transcript_path'];
    if (typeof path === 'string' && path !== '') out.set(r.jobId, path);
  }
  return out;
}

/**
 * Read what each job's transcript gained since last time (by byte offset: never the whole
 * file) and store its figures on the job: tokens, cost, context %, tools, files, messages.
 * A new path (after /clear) continues the totals with a fresh context.
 */
export function enrichFromTranscripts(ctx: EngineContext, paths: Map<string, string>): string[] {
  const changed: string[] = [];
  const marks = marksOf(ctx);
  for (const [jobId, path] of paths) {
    // Unchanged since this engine last read it: no store read at all (an idle fleet costs a
    // stat per agent, not two queries).
    const mark = fileMark(path);
    if (mark !== undefined && marks.get(jobId) === mark) continue;
    const row = ctx.jobs.get(jobId);
    if (!row) continue;
    const before: ReaderState = ctx.store.transcripts.load(jobId) ?? newReaderState(path);
    let next: ReaderState;
    try {
      next = readIncrement(path, before);
    } catch {
      continue; // unreadable right now (permissions, a vanished dir): try again next event
    }
    if (next === before) {
      if (mark !== undefined) marks.set(jobId, mark);
      continue;
    }
    const s = next.stats;
    // The plan's usage ran out, as the transcript says (a hook may not: an older CLI's).
    const said = s.lastAssistantText !== before.stats.lastAssistantText;
    const limit = said ? usageLimit(s.lastAssistantText ?? '', ctx.now()) : undefined;
    const paused =
      limit && row.status === 'running' && row.activity !== 'rate_limited'
        ? {
            activity: 'rate_limited' as const,
            activity_detail: JSON.stringify(limitDetail(limit)),
            activity_at: ctx.now(),
          }
        : {};
    ctx.store.atomically(() => {
      ctx.store.transcripts.save(jobId, next);
      // Today's spend (the daily budget) gains what this read added to the job's cost.
      ctx.store.spend.add(localDay(ctx.now()), s.costUsd - row.cost_usd);
      ctx.jobs.update(jobId, {
        input_tokens: s.inputTokens,
        output_tokens: s.outputTokens,
        cache_read_tokens: s.cacheReadTokens,
        cache_creation_tokens: s.cacheCreationTokens,
        cost_usd: s.costUsd,
        context_pct: s.model ? contextPct(s) : null,
        tool_calls: Object.values(s.toolCalls).reduce((a, b) => a + b, 0),
        primary_tool: primaryTool(s),
        files_modified: JSON.stringify(s.filesModified),
        messages: s.userMessages + s.assistantMessages,
        ...paused,
      });
    });
    if (mark !== undefined) marks.set(jobId, mark);
    changed.push(jobId);
  }
  return changed;
}

/** Each engine's last look at each job's transcript: its path, size and modification time. */
const looks = new WeakMap<EngineContext, Map<string, string>>();
const marksOf = (ctx: EngineContext): Map<string, string> => {
  let m = looks.get(ctx);
  if (!m) looks.set(ctx, (m = new Map()));
  return m;
};

function fileMark(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${path}\0${s.size}\0${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The stored transcript figures of a job, for `cc-agent session`. */
export const transcriptState = (ctx: EngineContext, jobId: string): ReaderState | undefined =>
  ctx.store.transcripts.load(jobId);

/**
 * Catch up with transcripts written after the last hook event (Claude Code may flush its final
 * record just after Stop): one stat per running job, and only new bytes are read.
 */
export function enrichRunning(ctx: EngineContext): void {
  // Transcripts are files on the agent's own host: another host's are not this engine's to read.
  const paths = ctx.store.transcripts.runningPaths(
    ctx.jobs.host.shared ? ctx.jobs.host.id : undefined,
  );
  // Announced here: no hook event will carry these figures to the faces.
  if (paths.size > 0) for (const id of enrichFromTranscripts(ctx, paths)) ctx.saved(id);
  // A job that stopped running is not looked at again: its mark goes.
  const marks = marksOf(ctx);
  for (const id of marks.keys()) if (!paths.has(id)) marks.delete(id);
}
