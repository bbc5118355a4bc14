import { closeSync, fstatSync } from 'node:fs';
import { DEFAULT_CHUNK, openIfExists, scanJsonLines } from './lines.js';
import { applyRecord, type Accumulator, type LastMessage } from './records.js';
import { emptyStats, type TranscriptStats } from './stats.js';

/** Where reading of a transcript stopped, and what it said so far. Plain JSON (stored in SQLite). */
export interface ReaderState {
  path: string;
  /** Byte offset just past the last complete line consumed. */
  offset: number;
  stats: TranscriptStats;
  /** Recent message ids and tool_use ids already counted (bounded, oldest first). */
  seenIds: string[];
  /** The response counted last, so a later, larger snapshot of it adds only the difference. */
  lastMessage: LastMessage | null;
}

export interface ReadOptions {
  /** Bytes per read (tests use tiny chunks to split characters); default 64 KiB. */
  chunkSize?: number;
}

/** How many recent ids survive between increments; records of one response are adjacent. */
export const MAX_SEEN_IDS = 500;

export function newReaderState(path: string): ReaderState {
  return { path, offset: 0, stats: emptyStats(), seenIds: [], lastMessage: null };
}

function cloneStats(stats: TranscriptStats): TranscriptStats {
  // Spread over emptyStats() so a state stored by an older version gains new fields.
  return {
    ...emptyStats(),
    ...stats,
    toolCalls: { ...stats.toolCalls },
    filesModified: [...stats.filesModified],
  };
}

/**
 * The job moved to a new session file (after `/clear`): read it from the start, with an empty
 * context but the cumulative tokens, cost, tools and files kept.
 */
export function switchTranscript(state: ReaderState, newPath: string): ReaderState {
  if (newPath === state.path) return state;
  const stats = cloneStats(state.stats);
  stats.contextTokens = 0;
  return { path: newPath, offset: 0, stats, seenIds: [...state.seenIds], lastMessage: null };
}

/**
 * Apply the complete lines appended to `path` since `state.offset` and return the new state (the
 * input is not modified). Only bytes from the offset on are read; a torn last line waits for the
 * next call; unparseable lines are skipped. A file shorter than the offset (truncated or
 * replaced) is read again from 0 with the stats kept. A missing file leaves the state unchanged.
 * A `path` other than `state.path` is treated as `switchTranscript(state, path)` first.
 */
export function readIncrement(
  path: string,
  state: ReaderState,
  options: ReadOptions = {},
): ReaderState {
  const base = path === state.path ? state : switchTranscript(state, path);
  const fd = openIfExists(path);
  if (fd === null) return base;
  try {
    const size = fstatSync(fd).size;
    const from = size < base.offset ? 0 : base.offset;
    if (size === from) return from === base.offset ? base : { ...base, offset: from };
    const acc: Accumulator = {
      stats: cloneStats(base.stats),
      seen: new Set(base.seenIds ?? []),
      last: base.lastMessage ? { ...base.lastMessage } : null,
    };
    const offset = scanJsonLines(
      fd,
      from,
      size,
      (record) => applyRecord(acc, record),
      options.chunkSize ?? DEFAULT_CHUNK,
    );
    const seenIds = [...acc.seen];
    return {
      path,
      offset,
      stats: acc.stats,
      seenIds: seenIds.length > MAX_SEEN_IDS ? seenIds.slice(-MAX_SEEN_IDS) : seenIds,
      lastMessage: acc.last,
    };
  } finally {
    closeSync(fd);
  }
}
