import { costOfCounts, priceOf, tokenCounts, type ApiUsage, type TokenCounts } from './models.js';
import type { TranscriptStats } from './stats.js';

/** The API response counted last: a later record of it may carry a larger (final) usage. */
export interface LastMessage {
  id: string;
  tokens: TokenCounts;
}

/** Mutable working set while one increment is applied. */
export interface Accumulator {
  stats: TranscriptStats;
  /** Recent message ids and tool_use ids already counted. */
  seen: Set<string>;
  last: LastMessage | null;
}

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
/** Claude Code's placeholder for API errors and interrupts; it has no real usage. */
const SYNTHETIC = '<synthetic>';
/** Slash-command echoes and outputs are written as string user content but are not prompts. */
const COMMAND_ECHO = /^\s*<(command-name|command-message|local-command-[a-z]+|bash-[a-z]+)>/;
/** Bound on the files list so the serialised state stays small. */
const MAX_FILES = 1000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Fold one parsed transcript record into the accumulator. */
export function applyRecord(acc: Accumulator, record: unknown): void {
  if (!isObj(record)) return;
  const type = record['type'];
  if (type === 'assistant') applyAssistant(acc, record);
  else if (type === 'user') applyUser(acc.stats, record);
  else if (type === 'system' && record['subtype'] === 'compact_boundary') {
    acc.stats.compactions += 1;
    acc.stats.contextTokens = 0;
  }
}

function applyUser(stats: TranscriptStats, record: Obj): void {
  if (record['isMeta'] === true || record['isCompactSummary'] === true) return;
  if (record['isSidechain'] === true) return;
  const message = record['message'];
  const content = isObj(message) ? message['content'] : undefined;
  if (typeof content === 'string' && !COMMAND_ECHO.test(content)) stats.userMessages += 1;
}

function applyAssistant(acc: Accumulator, record: Obj): void {
  const message = record['message'];
  if (!isObj(message)) return;
  const { stats } = acc;
  const model = str(message['model']);
  const synthetic = model === SYNTHETIC;
  const main = record['isSidechain'] !== true;
  const usage = message['usage'];
  if (!synthetic && isObj(usage)) {
    const tokens = tokenCounts(usage as ApiUsage);
    countUsage(acc, str(message['id']), model ?? '', tokens);
    if (main) stats.contextTokens = tokens.input + tokens.cacheCreation + tokens.cacheRead;
  }
  if (!synthetic && main && model) stats.model = model;
  const content = message['content'];
  if (!Array.isArray(content)) return;
  for (const block of content) {
    if (!isObj(block)) continue;
    if (block['type'] === 'text' && main) {
      const text = str(block['text']);
      if (text && text.trim()) stats.lastAssistantText = text;
    } else if (block['type'] === 'tool_use') {
      applyToolUse(acc, block);
    }
  }
}

function applyToolUse(acc: Accumulator, block: Obj): void {
  const name = str(block['name']);
  if (!name) return;
  const id = str(block['id']);
  if (id) {
    if (acc.seen.has(id)) return;
    acc.seen.add(id);
  }
  const { stats } = acc;
  stats.toolCalls[name] = (stats.toolCalls[name] ?? 0) + 1;
  if (!EDIT_TOOLS.has(name)) return;
  const input = block['input'];
  if (!isObj(input)) return;
  const file = str(input['file_path']) ?? str(input['notebook_path']);
  if (file && stats.filesModified.length < MAX_FILES && !stats.filesModified.includes(file)) {
    stats.filesModified.push(file);
  }
}

/**
 * Count a response's usage once per message.id. Claude Code writes one record per content block,
 * each repeating the usage; a streamed early snapshot may carry a smaller output count, so a
 * later record of the last message adds only what grew.
 */
function countUsage(acc: Accumulator, id: string | null, model: string, tokens: TokenCounts): void {
  let add = tokens;
  if (id !== null && acc.last?.id === id) {
    const prev = acc.last.tokens;
    add = {
      input: Math.max(0, tokens.input - prev.input),
      output: Math.max(0, tokens.output - prev.output),
      cacheCreation: Math.max(0, tokens.cacheCreation - prev.cacheCreation),
      cacheCreation1h: Math.max(0, tokens.cacheCreation1h - prev.cacheCreation1h),
      cacheRead: Math.max(0, tokens.cacheRead - prev.cacheRead),
    };
    acc.last.tokens = {
      input: prev.input + add.input,
      output: prev.output + add.output,
      cacheCreation: prev.cacheCreation + add.cacheCreation,
      cacheCreation1h: prev.cacheCreation1h + add.cacheCreation1h,
      cacheRead: prev.cacheRead + add.cacheRead,
    };
  } else if (id !== null && acc.seen.has(id)) {
    return;
  } else {
    acc.stats.assistantMessages += 1;
    if (id !== null) {
      acc.seen.add(id);
      acc.last = { id, tokens: { ...tokens } };
    }
  }
  const { stats } = acc;
  stats.inputTokens += add.input;
  stats.outputTokens += add.output;
  stats.cacheCreationTokens += add.cacheCreation;
  stats.cacheReadTokens += add.cacheRead;
  stats.costUsd += costOfCounts(model, add);
  if (priceOf(model).estimated) stats.costEstimated = true;
}
