import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';
import {
  codexContextPct,
  codexStats,
  codexTokenCounts,
  newCodexRolloutState,
  readCodexIncrement,
  switchCodexRollout,
  type CodexRolloutState,
} from '../../src/engine/transcripts/index.js';

/**
 * A real rollout written by Codex 0.169.0 (`codex exec`, then `codex exec resume` into the same
 * file) against a stub Responses API: one exec_command call, two turns. Long strings (base
 * instructions, skills, environment context) are cut to 200 characters + "…[trimmed]" and the
 * paths rewritten to /home/dev; nothing else is changed.
 */
const SAMPLE = join(repoRoot, 'tests', 'fixtures', 'codex-0.169', 'rollout-sample.jsonl');
const SESSION = '01a21362-0431-75e3-9c80-d58a843129ce';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-codex-rollout-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sampleLines = (): string[] => readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);
const readAll = (path: string): CodexRolloutState =>
  readCodexIncrement(path, newCodexRolloutState(path));

const tokenCount = (
  total: Record<string, number>,
  last: Record<string, number>,
  window = 258_400,
): string =>
  JSON.stringify({
    timestamp: '2026-11-25T16:00:00.000Z',
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: { total_token_usage: total, last_token_usage: last, model_context_window: window },
      rate_limits: null,
    },
  });
const usage = (input: number, cached: number, output: number) => ({
  input_tokens: input,
  cached_input_tokens: cached,
  cache_write_input_tokens: 0,
  output_tokens: output,
  reasoning_output_tokens: 0,
  total_tokens: input + output,
});

describe('codex rollout reader: the 0.169.0 sample', () => {
  it('totals are the last token_count (cumulative, across the resumed turn)', () => {
    const stats = codexStats(readAll(SAMPLE));
    expect(stats.usage).toEqual({
      inputTokens: 37_866,
      cachedInputTokens: 24_960,
      cacheWriteInputTokens: 0,
      outputTokens: 122,
      reasoningOutputTokens: 64,
      totalTokens: 37_988,
    });
    expect(stats).toMatchObject({
      sessionId: SESSION,
      cliVersion: '0.169.0',
      model: 'gpt-5-codex',
      toolCalls: { exec_command: 1 },
      turns: 2,
      lastAssistantText: 'The note says hi. ✓',
    });
  });

  it('maps onto the job tokens with input excluding the cached part', () => {
    const counts = codexTokenCounts(codexStats(readAll(SAMPLE)));
    expect(counts).toEqual({
      input: 37_866 - 24_960,
      output: 122,
      cacheCreation: 0,
      cacheCreation1h: 0,
      cacheRead: 24_960,
    });
  });

  it('context % is the last request input over model_context_window', () => {
    const stats = codexStats(readAll(SAMPLE));
    expect(stats.contextTokens).toBe(12_731);
    expect(stats.contextWindow).toBe(258_400);
    expect(codexContextPct(stats)).toBe(Math.round((12_731 / 258_400) * 100));
    expect(codexContextPct(codexStats(newCodexRolloutState('x')))).toBeNull();
  });

  it('reading line by line (and in tiny chunks) equals reading it at once', () => {
    const once = readAll(SAMPLE);
    const path = join(dir, 'rollout.jsonl');
    writeFileSync(path, '');
    let state = newCodexRolloutState(path);
    for (const line of sampleLines()) {
      appendFileSync(path, `${line}\n`);
      state = readCodexIncrement(path, state);
    }
    expect(state.offset).toBe(once.offset);
    expect(codexStats(state)).toEqual(codexStats(once));
    // 7-byte reads split the multi-byte ✓ and every line: the same result.
    const chunked = readCodexIncrement(SAMPLE, newCodexRolloutState(SAMPLE), { chunkSize: 7 });
    expect(codexStats(chunked)).toEqual(codexStats(once));
    // A read with nothing new returns the same state.
    expect(readCodexIncrement(SAMPLE, once)).toBe(once);
  });

  it('a torn last line waits for the next read', () => {
    const lines = sampleLines();
    const last = lines.length - 1;
    // The last token_count is the second-to-last line; tear it in half.
    const tornAt = lines.findLastIndex((l) => l.includes('"token_count"'));
    const path = join(dir, 'rollout.jsonl');
    const before = lines.slice(0, tornAt).join('\n') + '\n';
    const torn = lines[tornAt] ?? '';
    writeFileSync(path, before + torn.slice(0, 100));
    const first = readCodexIncrement(path, newCodexRolloutState(path));
    expect(first.offset).toBe(Buffer.byteLength(before));
    // The earlier token_count stands: the second turn's usage is not in yet.
    expect(first.file.usage.inputTokens).toBe(25_135);
    expect(first.file.contextTokens).toBe(12_655);
    appendFileSync(
      path,
      torn.slice(100) + '\n' + lines.slice(tornAt + 1, last + 1).join('\n') + '\n',
    );
    const second = readCodexIncrement(path, first);
    expect(codexStats(second)).toEqual(codexStats(readAll(SAMPLE)));
  });
});

describe('codex rollout reader: edge cases', () => {
  it('skips token_count without info, corrupt lines and unknown records', () => {
    const path = join(dir, 'rollout.jsonl');
    const noInfo = JSON.stringify({
      type: 'event_msg',
      payload: { type: 'token_count', info: null, rate_limits: { primary: null } },
    });
    writeFileSync(
      path,
      [
        tokenCount(usage(1000, 200, 50), usage(1000, 200, 50)),
        noInfo,
        '{not json',
        JSON.stringify({ type: 'compacted', payload: { message: 'summary' } }),
        JSON.stringify({
          type: 'response_item',
          payload: { type: 'custom_tool_call', name: 'apply_patch' },
        }),
        '',
      ].join('\n'),
    );
    const stats = codexStats(readAll(path));
    expect(stats.usage.inputTokens).toBe(1000);
    expect(stats.contextTokens).toBe(1000);
    expect(stats.toolCalls).toEqual({ apply_patch: 1 });
  });

  it('a missing file changes nothing; a truncated one is read again, counting nothing twice', () => {
    const missing = join(dir, 'none.jsonl');
    const empty = newCodexRolloutState(missing);
    expect(readCodexIncrement(missing, empty)).toBe(empty);

    const path = join(dir, 'rollout.jsonl');
    writeFileSync(path, sampleLines().join('\n') + '\n');
    const full = readAll(path);
    writeFileSync(path, sampleLines().slice(0, 12).join('\n') + '\n');
    const again = readCodexIncrement(path, full);
    expect(again.offset).toBeLessThan(full.offset);
    expect(codexStats(again)).toEqual(codexStats(readAll(path)));
    expect(codexStats(again).toolCalls).toEqual({ exec_command: 1 });
  });

  it('a new rollout (after /new) keeps the totals and starts the context afresh', () => {
    const first = readAll(SAMPLE);
    const next = join(dir, 'rollout-next.jsonl');
    writeFileSync(next, tokenCount(usage(5000, 1000, 40), usage(5000, 1000, 40), 400_000) + '\n');
    const switched = switchCodexRollout(first, next);
    expect(codexStats(switched).contextTokens).toBe(0);
    expect(codexStats(switched).usage).toEqual(codexStats(first).usage);
    const read = readCodexIncrement(next, first); // a new path switches by itself
    const stats = codexStats(read);
    expect(stats.usage.inputTokens).toBe(37_866 + 5000);
    expect(stats.usage.cachedInputTokens).toBe(24_960 + 1000);
    expect(stats.contextTokens).toBe(5000);
    expect(codexContextPct(stats)).toBe(1);
    expect(stats.toolCalls).toEqual({ exec_command: 1 });
    expect(stats.turns).toBe(2);
    // Plain JSON: survives a round trip through storage.
    expect(JSON.parse(JSON.stringify(read))).toEqual(read);
  });
});
