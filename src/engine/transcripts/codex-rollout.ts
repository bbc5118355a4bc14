import { closeSync, fstatSync } from 'node:fs';
import { DEFAULT_CHUNK, openIfExists, scanJsonLines } from './lines.js';
import type { ReadOptions } from './reader.js';
import type { TokenCounts } from './models.js';

/**
 * Incremental reader of Codex CLI rollouts,
 * `~/.codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl` (or under `$CODEX_HOME`). Every line
 * is `{timestamp, ordinal, type, payload}`; as written by Codex 0.169.0 (see
 * tests/fixtures/codex-0.169): `session_meta` (id, cli_version), `turn_context` (model),
 * `response_item` (message, reasoning, function_call, function_call_output, …), `event_msg`
 * (task_started, token_count, task_complete, item_completed, …), `world_state`,
 * `token_usage_record`. `codex resume` appends to the same file (RAN); `/new` is expected to
 * start another (not run).
 */

/** Codex's token usage. `inputTokens` INCLUDES `cachedInputTokens` (OpenAI's convention). */
export interface CodexUsage {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  /** Includes `reasoningOutputTokens`. */
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

/** What a Codex rollout says about a job. */
export interface CodexRolloutStats {
  sessionId: string | null;
  cliVersion: string | null;
  /** `turn_context.model` of the last turn. */
  model: string | null;
  /** Cumulative: the last `token_count`'s `total_token_usage` (plus earlier rollouts, if any). */
  usage: CodexUsage;
  /** `last_token_usage.input_tokens` of the last `token_count`: the prompt the model last saw. */
  contextTokens: number;
  /** `model_context_window` (token_count, else task_started); null until Codex says. */
  contextWindow: number | null;
  /** function_call / custom_tool_call items by tool name. */
  toolCalls: Record<string, number>;
  /** Turns that finished (`task_complete`). */
  turns: number;
  lastAssistantText: string | null;
}

/** Where reading stopped. Plain JSON. `earlier` holds the job's previous rollouts (after /new). */
export interface CodexRolloutState {
  path: string;
  /** Byte offset just past the last complete line consumed. */
  offset: number;
  /** Derived from this file alone, so re-reading it from 0 can never count anything twice. */
  file: CodexRolloutStats;
  earlier: CodexRolloutStats | null;
}

export function emptyCodexUsage(): CodexUsage {
  return {
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteInputTokens: 0,
    outputTokens: 0,
    reasoningOutputTokens: 0,
    totalTokens: 0,
  };
}

export function emptyCodexStats(): CodexRolloutStats {
  return {
    sessionId: null,
    cliVersion: null,
    model: null,
    usage: emptyCodexUsage(),
    contextTokens: 0,
    contextWindow: null,
    toolCalls: {},
    turns: 0,
    lastAssistantText: null,
  };
}

export function newCodexRolloutState(path: string): CodexRolloutState {
  return { path, offset: 0, file: emptyCodexStats(), earlier: null };
}

const addUsage = (a: CodexUsage, b: CodexUsage): CodexUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
  cacheWriteInputTokens: a.cacheWriteInputTokens + b.cacheWriteInputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  reasoningOutputTokens: a.reasoningOutputTokens + b.reasoningOutputTokens,
  totalTokens: a.totalTokens + b.totalTokens,
});

/** The job's stats: this rollout on top of the earlier ones (context is this rollout's alone). */
export function codexStats(state: CodexRolloutState): CodexRolloutStats {
  const { file, earlier } = state;
  if (!earlier) return file;
  const toolCalls = { ...earlier.toolCalls };
  for (const [name, n] of Object.entries(file.toolCalls))
    toolCalls[name] = (toolCalls[name] ?? 0) + n;
  return {
    sessionId: file.sessionId ?? earlier.sessionId,
    cliVersion: file.cliVersion ?? earlier.cliVersion,
    model: file.model ?? earlier.model,
    usage: addUsage(earlier.usage, file.usage),
    contextTokens: file.contextTokens,
    contextWindow: file.contextWindow ?? earlier.contextWindow,
    toolCalls,
    turns: earlier.turns + file.turns,
    lastAssistantText: file.lastAssistantText ?? earlier.lastAssistantText,
  };
}

/**
 * In the job's token shape (Claude's convention: input excludes cache reads): input = uncached
 * input, cacheRead = cached input, cacheCreation = cache writes.
 */
export function codexTokenCounts(stats: CodexRolloutStats): TokenCounts {
  const u = stats.usage;
  return {
    input: Math.max(0, u.inputTokens - u.cachedInputTokens),
    output: u.outputTokens,
    cacheCreation: u.cacheWriteInputTokens,
    cacheCreation1h: 0,
    cacheRead: u.cachedInputTokens,
  };
}

/** Context used, in percent: the last request's input tokens over the model's window. */
export function codexContextPct(stats: CodexRolloutStats): number | null {
  if (!stats.contextWindow || stats.contextWindow <= 0) return null;
  return Math.round((stats.contextTokens / stats.contextWindow) * 100);
}

/** The job moved to a new rollout (after `/new`): totals carry over, the context starts empty. */
export function switchCodexRollout(state: CodexRolloutState, newPath: string): CodexRolloutState {
  if (newPath === state.path) return state;
  return { path: newPath, offset: 0, file: emptyCodexStats(), earlier: codexStats(state) };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function usageOf(v: unknown): CodexUsage | null {
  if (!isObj(v)) return null;
  return {
    inputTokens: num(v['input_tokens']),
    cachedInputTokens: num(v['cached_input_tokens']),
    cacheWriteInputTokens: num(v['cache_write_input_tokens']),
    outputTokens: num(v['output_tokens']),
    reasoningOutputTokens: num(v['reasoning_output_tokens']),
    totalTokens: num(v['total_tokens']),
  };
}

/** Fold one parsed rollout line into `s` (mutated). Unknown record types are ignored. */
function applyCodexRecord(s: CodexRolloutStats, record: unknown): void {
  if (!isObj(record)) return;
  const payload = record['payload'];
  if (!isObj(payload)) return;
  switch (record['type']) {
    case 'session_meta':
      s.sessionId = str(payload['id']) ?? str(payload['session_id']) ?? s.sessionId;
      s.cliVersion = str(payload['cli_version']) ?? s.cliVersion;
      return;
    case 'turn_context':
      s.model = str(payload['model']) ?? s.model;
      return;
    case 'event_msg':
      applyEvent(s, payload);
      return;
    case 'response_item':
      applyItem(s, payload);
      return;
  }
}

function applyEvent(s: CodexRolloutStats, event: Obj): void {
  switch (event['type']) {
    case 'token_count': {
      // `info` is null in a token_count that only carries rate limits.
      const info = event['info'];
      if (!isObj(info)) return;
      const total = usageOf(info['total_token_usage']);
      if (total) s.usage = total;
      const last = usageOf(info['last_token_usage']);
      if (last) s.contextTokens = last.inputTokens;
      const window = num(info['model_context_window']);
      if (window > 0) s.contextWindow = window;
      return;
    }
    case 'task_started': {
      const window = num(event['model_context_window']);
      if (window > 0 && s.contextWindow === null) s.contextWindow = window;
      return;
    }
    case 'task_complete': {
      s.turns += 1;
      const text = str(event['last_agent_message']);
      if (text && text.trim()) s.lastAssistantText = text;
      return;
    }
  }
}

function applyItem(s: CodexRolloutStats, item: Obj): void {
  const type = item['type'];
  if (type === 'function_call' || type === 'custom_tool_call') {
    const name = str(item['name']);
    if (name) s.toolCalls[name] = (s.toolCalls[name] ?? 0) + 1;
  } else if (type === 'message' && item['role'] === 'assistant') {
    const content = item['content'];
    if (!Array.isArray(content)) return;
    const text = content
      .filter((c): c is Obj => isObj(c) && c['type'] === 'output_text')
      .map((c) => str(c['text']) ?? '')
      .join('');
    if (text.trim()) s.lastAssistantText = text;
  }
}

const cloneStats = (s: CodexRolloutStats): CodexRolloutStats => ({
  ...emptyCodexStats(),
  ...s,
  usage: { ...s.usage },
  toolCalls: { ...s.toolCalls },
});

/**
 * Apply the complete lines appended to `path` since `state.offset` and return the new state (the
 * input is not modified). A torn last line waits for the next call; unparseable lines are
 * skipped. A file shorter than the offset (truncated or replaced) is read again from 0 with this
 * file's stats reset. A missing file leaves the state unchanged. A `path` other than
 * `state.path` is treated as `switchCodexRollout(state, path)` first.
 */
export function readCodexIncrement(
  path: string,
  state: CodexRolloutState,
  options: ReadOptions = {},
): CodexRolloutState {
  const base = path === state.path ? state : switchCodexRollout(state, path);
  const fd = openIfExists(path);
  if (fd === null) return base;
  try {
    const size = fstatSync(fd).size;
    const reread = size < base.offset;
    const from = reread ? 0 : base.offset;
    if (size === from) return reread ? { ...base, offset: 0, file: emptyCodexStats() } : base;
    const file = reread ? emptyCodexStats() : cloneStats(base.file);
    const offset = scanJsonLines(
      fd,
      from,
      size,
      (record) => applyCodexRecord(file, record),
      options.chunkSize ?? DEFAULT_CHUNK,
    );
    return { path, offset, file, earlier: base.earlier };
  } finally {
    closeSync(fd);
  }
}
