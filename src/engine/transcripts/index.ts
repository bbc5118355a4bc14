/** Incremental reader of Claude Code session transcripts (`<session>.jsonl`). */
export {
  PRICES,
  contextWindow,
  costOf,
  costOfCounts,
  parseModel,
  priceOf,
  tokenCounts,
  type ApiUsage,
  type ModelFamily,
  type ModelInfo,
  type ModelPrice,
  type PriceQuote,
  type TokenCounts,
} from './models.js';
export { contextPct, emptyStats, primaryTool, type TranscriptStats } from './stats.js';
export type { LastMessage } from './records.js';
export {
  MAX_SEEN_IDS,
  newReaderState,
  readIncrement,
  switchTranscript,
  type ReadOptions,
  type ReaderState,
} from './reader.js';
/** Incremental reader of Codex CLI rollouts (`rollout-<ts>-<uuid>.jsonl`). */
export {
  codexContextPct,
  codexStats,
  codexTokenCounts,
  emptyCodexStats,
  emptyCodexUsage,
  newCodexRolloutState,
  readCodexIncrement,
  switchCodexRollout,
  type CodexRolloutState,
  type CodexRolloutStats,
  type CodexUsage,
} from './codex-rollout.js';
