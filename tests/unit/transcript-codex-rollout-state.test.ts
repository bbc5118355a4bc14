import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  codexContextPct,
  codexStats,
  codexTokenCounts,
  emptyCodexStats,
  emptyCodexUsage,
  newCodexRolloutState,
  readCodexIncrement,
  switchCodexRollout,
  type CodexRolloutStats,
} from '../../src/engine/transcripts/codex-rollout.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc codex '));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (type: string, payload: unknown): string =>
  `${JSON.stringify({ timestamp: '2026-11-25T16:00:00.000Z', type, payload })}\n`;
const event = (payload: Record<string, unknown>) => line('event_msg', payload);
const item = (payload: Record<string, unknown>) => line('response_item', payload);
const readAll = (path: string) => readCodexIncrement(path, newCodexRolloutState(path));
const stats = (over: Partial<CodexRolloutStats>): CodexRolloutStats => ({
  ...emptyCodexStats(),
  ...over,
});

describe('increments and rollouts', () => {
  it('a file cut shorter than the offset is re-read with this file’s stats reset, earlier kept', () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, item({ type: 'function_call', name: 'x' }));
    writeFileSync(
      b,
      item({ type: 'function_call', name: 'y' }) + item({ type: 'function_call', name: 'y' }),
    );
    let s = readAll(a);
    s = readCodexIncrement(b, s);
    writeFileSync(b, item({ type: 'function_call', name: 'z' }));
    s = readCodexIncrement(b, s);
    expect(s.file.toolCalls).toEqual({ z: 1 });
    expect(codexStats(s).toolCalls).toEqual({ x: 1, z: 1 });
    writeFileSync(b, '');
    s = readCodexIncrement(b, s);
    expect(s.offset).toBe(0);
    expect(s.file).toEqual(emptyCodexStats());
    expect(s.earlier?.toolCalls).toEqual({ x: 1 });
  });

  it('a torn line is consumed once completed; the input state is left alone', () => {
    const path = join(dir, 'r.jsonl');
    const full = event({ type: 'task_complete', last_agent_message: 'done' });
    writeFileSync(path, full.slice(0, 20));
    const first = readAll(path);
    expect(first.offset).toBe(0);
    appendFileSync(path, full.slice(20));
    const second = readCodexIncrement(path, first);
    expect(second.file.turns).toBe(1);
    expect(first.file.turns).toBe(0);
    expect(readCodexIncrement(path, second)).toBe(second);
  });

  it('switching to the same path is a no-op; to a new one carries the totals', () => {
    const s = newCodexRolloutState(join(dir, 'a.jsonl'));
    expect(switchCodexRollout(s, s.path)).toBe(s);
    const moved = switchCodexRollout(
      { ...s, file: stats({ turns: 2, contextTokens: 900 }) },
      join(dir, 'b.jsonl'),
    );
    expect(moved.earlier).toMatchObject({ turns: 2, contextTokens: 900 });
    expect(codexStats(moved).contextTokens).toBe(0);
    expect(codexStats(moved).turns).toBe(2);
  });

  it('codexStats: the current file wins for identity and context; counts add up', () => {
    const earlier = stats({
      sessionId: 'old',
      cliVersion: '0.168.0',
      model: 'gpt-5',
      usage: { ...emptyCodexUsage(), inputTokens: 100, outputTokens: 10 },
      contextTokens: 50,
      contextWindow: 200_000,
      toolCalls: { a: 1, b: 2 },
      turns: 3,
      lastAssistantText: 'old text',
    });
    const file = stats({
      model: 'gpt-5-codex',
      usage: { ...emptyCodexUsage(), inputTokens: 5, outputTokens: 1 },
      contextTokens: 7,
      toolCalls: { b: 1, c: 4 },
      turns: 1,
    });
    expect(codexStats({ path: 'p', offset: 0, file, earlier })).toEqual({
      sessionId: 'old',
      cliVersion: '0.168.0',
      model: 'gpt-5-codex',
      usage: { ...emptyCodexUsage(), inputTokens: 105, outputTokens: 11 },
      contextTokens: 7,
      contextWindow: 200_000,
      toolCalls: { a: 1, b: 3, c: 4 },
      turns: 4,
      lastAssistantText: 'old text',
    });
  });
});

describe('token shape and context percent', () => {
  it('input excludes the cached part; cache writes are cache creation', () => {
    const s = stats({
      usage: {
        inputTokens: 1000,
        cachedInputTokens: 300,
        cacheWriteInputTokens: 40,
        outputTokens: 90,
        reasoningOutputTokens: 60,
        totalTokens: 1090,
      },
    });
    expect(codexTokenCounts(s)).toEqual({
      input: 700,
      output: 90,
      cacheCreation: 40,
      cacheCreation1h: 0,
      cacheRead: 300,
    });
  });

  it('never goes below 0 when cached exceeds input (a malformed record)', () => {
    expect(
      codexTokenCounts(
        stats({ usage: { ...emptyCodexUsage(), inputTokens: 10, cachedInputTokens: 50 } }),
      ).input,
    ).toBe(0);
  });

  it('context percent is null until a window is known, rounded otherwise', () => {
    expect(codexContextPct(stats({ contextTokens: 500 }))).toBeNull();
    expect(codexContextPct(stats({ contextTokens: 500, contextWindow: 0 }))).toBeNull();
    expect(codexContextPct(stats({ contextTokens: 129_200, contextWindow: 258_400 }))).toBe(50);
    expect(codexContextPct(stats({ contextTokens: 1291, contextWindow: 258_400 }))).toBe(0);
    expect(codexContextPct(stats({ contextTokens: 1292, contextWindow: 258_400 }))).toBe(1);
  });
});
