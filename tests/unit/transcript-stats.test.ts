import { describe, expect, it } from 'vitest';
import { contextPct, emptyStats, primaryTool } from '../../src/engine/transcripts/stats.js';

describe('emptyStats', () => {
  it('is all zeros and empties', () => {
    expect(emptyStats()).toEqual({
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
    });
  });

  it('hands out a new object each time: filling one leaves the next empty', () => {
    const a = emptyStats();
    a.toolCalls['Bash'] = 3;
    a.filesModified.push('/x');
    const b = emptyStats();
    expect(b.toolCalls).toEqual({});
    expect(b.filesModified).toEqual([]);
  });
});

describe('primaryTool', () => {
  const withTools = (toolCalls: Record<string, number>) => ({ ...emptyStats(), toolCalls });

  it('is null when no tool was called', () => {
    expect(primaryTool(emptyStats())).toBeNull();
    expect(primaryTool(withTools({ Bash: 0 }))).toBeNull();
  });

  it('is the most-used tool', () => {
    expect(primaryTool(withTools({ Read: 2, Edit: 7, Bash: 5 }))).toBe('Edit');
    expect(primaryTool(withTools({ Bash: 1 }))).toBe('Bash');
  });

  it('on a tie, the tool that reached the count first in insertion order', () => {
    expect(primaryTool(withTools({ Read: 4, Bash: 4, Edit: 1 }))).toBe('Read');
    expect(primaryTool(withTools({ Edit: 1, Bash: 4, Read: 4 }))).toBe('Bash');
  });

  it('handles tool names that are not plain words', () => {
    expect(primaryTool(withTools({ mcp__github__create_pr: 3, 'Bash(git:*)': 2 }))).toBe(
      'mcp__github__create_pr',
    );
  });
});

describe('contextPct', () => {
  const at = (contextTokens: number, model: string | null) => ({
    ...emptyStats(),
    contextTokens,
    model,
  });

  it('divides by the 200k window of a 4.5 model, rounded to a whole percent', () => {
    expect(contextPct(at(100_000, 'claude-sonnet-4-5-20250929'))).toBe(50);
    expect(contextPct(at(1_000, 'claude-sonnet-4-5'))).toBe(1); // 0.5 rounds up
    expect(contextPct(at(999, 'claude-sonnet-4-5'))).toBe(0);
    expect(contextPct(at(0, 'claude-sonnet-4-5'))).toBe(0);
  });

  it('honours the job’s configured model over the transcript’s (the [1m] suffix is only there)', () => {
    const s = at(100_000, 'claude-sonnet-4-5');
    expect(contextPct(s, 'claude-sonnet-4-5[1m]')).toBe(10);
    expect(contextPct(s)).toBe(50);
  });

  it('can say more than 100% (a window smaller than the context really used)', () => {
    expect(contextPct(at(300_000, 'claude-sonnet-4-5'))).toBe(150);
  });

  it('uses the default window when no model is known yet', () => {
    // No model at all: the same window as an unknown name.
    expect(contextPct(at(50_000, null))).toBe(contextPct(at(50_000, 'not-a-model')));
  });
});
