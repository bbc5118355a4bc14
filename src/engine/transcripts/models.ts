/**
 * Model facts the transcript reader needs: context window sizes and API prices.
 * Sources: the agent CLI facts (claude-code.md, "Transcripts") and Anthropic's price list.
 */

export type ModelFamily = 'opus' | 'sonnet' | 'haiku';

export interface ModelInfo {
  family: ModelFamily;
  /** Version as major*100+minor (4-5 → 405); null for a bare alias (`opus`, `sonnet[1m]`). */
  version: number | null;
}

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** 5-minute cache write (1.25 × input). */
  cacheWrite: number;
  cacheRead: number;
}

export interface PriceQuote extends ModelPrice {
  /** True when the model was not recognised and sonnet prices stand in. */
  estimated: boolean;
}

/** Price tiers; aliases and unversioned names take the newest tier of their family. */
export const PRICES = {
  opus: { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  opusLegacy: { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  sonnet: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  haiku: { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  haikuLegacy: { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 },
} as const satisfies Record<string, ModelPrice>;

const DEFAULT_WINDOW = 200_000;
const LARGE_WINDOW = 1_000_000;
const V4_5 = 405;

/**
 * Family and version from any spelling: `claude-opus-4-5-20251101`, `claude-3-5-sonnet-20241022`,
 * `anthropic.claude-opus-4-1-20250805-v1:0`, `claude-opus-4-1@20250805`, `opus`, `sonnet[1m]`.
 */
export function parseModel(model: string): ModelInfo | null {
  const name = model.toLowerCase();
  // Claude 3 scheme: version first (`claude-3-5-sonnet`, `claude-3-opus`).
  const old = /claude-(\d)(?:[-.](\d))?-(opus|sonnet|haiku)/.exec(name);
  if (old) {
    const [, major, minor, family] = old;
    return { family: family as ModelFamily, version: Number(major) * 100 + Number(minor ?? 0) };
  }
  // Current scheme: family, then version; a date suffix (8 digits) is not a version.
  const current = /(opus|sonnet|haiku)-(\d{1,2})(?!\d)(?:[-.](\d{1,2})(?!\d))?/.exec(name);
  if (current) {
    const [, family, major, minor] = current;
    return { family: family as ModelFamily, version: Number(major) * 100 + Number(minor ?? 0) };
  }
  const alias = /(opus|sonnet|haiku)/.exec(name);
  if (alias) return { family: alias[1] as ModelFamily, version: null };
  return null;
}

/**
 * Context window as Claude Code reports it: the `[1m]` suffix and the aliases (5.5 family) get
 * 1,000,000; families after 4-5 too; 4-5 and older, and anything unrecognised, 200,000.
 */
export function contextWindow(model: string): number {
  if (model.toLowerCase().includes('[1m]')) return LARGE_WINDOW;
  const info = parseModel(model);
  if (!info) return DEFAULT_WINDOW;
  if (info.version === null || info.version > V4_5) return LARGE_WINDOW;
  return DEFAULT_WINDOW;
}

/** Price of a model; unknown models are priced as sonnet and flagged `estimated`. */
export function priceOf(model: string): PriceQuote {
  const info = parseModel(model);
  if (!info) return { ...PRICES.sonnet, estimated: true };
  const newest = info.version === null || info.version >= V4_5;
  switch (info.family) {
    case 'opus':
      return { ...(newest ? PRICES.opus : PRICES.opusLegacy), estimated: false };
    case 'haiku':
      return { ...(newest ? PRICES.haiku : PRICES.haikuLegacy), estimated: false };
    case 'sonnet':
      return { ...PRICES.sonnet, estimated: false };
  }
}

/** `message.usage` of an assistant record (only the fields that cost money). */
export interface ApiUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number };
}

/** Usage flattened to plain counts; `cacheCreation1h` is the part of cacheCreation on the 1h TTL. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheCreation: number;
  cacheCreation1h: number;
  cacheRead: number;
}

const count = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;

export function tokenCounts(usage: ApiUsage): TokenCounts {
  const cacheCreation = count(usage.cache_creation_input_tokens);
  return {
    input: count(usage.input_tokens),
    output: count(usage.output_tokens),
    cacheCreation,
    cacheCreation1h: Math.min(
      cacheCreation,
      count(usage.cache_creation?.ephemeral_1h_input_tokens),
    ),
    cacheRead: count(usage.cache_read_input_tokens),
  };
}

/** USD for token counts; 1-hour cache writes cost 2 × input, 5-minute ones the table's rate. */
export function costOfCounts(model: string, t: TokenCounts): number {
  const p = priceOf(model);
  const write5m = t.cacheCreation - t.cacheCreation1h;
  return (
    (t.input * p.input +
      t.output * p.output +
      write5m * p.cacheWrite +
      t.cacheCreation1h * p.input * 2 +
      t.cacheRead * p.cacheRead) /
    1_000_000
  );
}

/** USD one API response cost. */
export function costOf(model: string, usage: ApiUsage): number {
  return costOfCounts(model, tokenCounts(usage));
}
