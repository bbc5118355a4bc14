import { contextWindow } from './models.js';

/** What a Claude Code transcript says about a job, accumulated across its session files. */
export interface TranscriptStats {
  /** Cumulative tokens, each API response counted once (by message.id). */
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  /** True once any response came from a model missing from the price table. */
  costEstimated: boolean;
  /**
   * input + cache_creation + cache_read of the LAST assistant usage since the last
   * compact_boundary (or transcript switch); 0 until the next assistant record.
   */
  contextTokens: number;
  /** `message.model` of the last (non-synthetic) assistant record. */
  model: string | null;
  /** tool_use blocks by tool name. */
  toolCalls: Record<string, number>;
  /** Unique, first-seen order, from Write/Edit/MultiEdit/NotebookEdit inputs. */
  filesModified: string[];
  /** Typed prompts: string content, not meta, not a compact summary, not a slash-command echo. */
  userMessages: number;
  /** Distinct API responses (message.id). */
  assistantMessages: number;
  /** Text of the last assistant text block. */
  lastAssistantText: string | null;
  /** compact_boundary records seen. */
  compactions: number;
}

export function emptyStats(): TranscriptStats {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    costUsd: 0,
    costEstimated: false,
    contextTokens: 0,
    model: null,
    toolCalls: {},
    filesModified: [],
    userMessages: 0,
    assistantMessages: 0,
    lastAssistantText: null,
    compactions: 0,
  };
}

/** The most-used tool (ties: the one reaching that count first in insertion order), or null. */
export function primaryTool(stats: TranscriptStats): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [name, n] of Object.entries(stats.toolCalls)) {
    if (n > most) {
      best = name;
      most = n;
    }
  }
  return best;
}

/**
 * Context used, in percent, as Claude Code computes it. The transcript's `message.model` never
 * carries the `[1m]` suffix, so pass the job's configured model to honour it.
 */
export function contextPct(stats: TranscriptStats, model?: string): number {
  const window = contextWindow(model ?? stats.model ?? '');
  return Math.round((stats.contextTokens / window) * 100);
}
