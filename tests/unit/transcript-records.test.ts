import { describe, expect, it } from 'vitest';
import { emptyStats } from '../../src/engine/transcripts/stats.js';
import { fold, sample, textReply, toolReply, userPrompt } from '../helpers/transcript-records.js';

describe('applyRecord: assistant usage', () => {
  it('adds a reply’s tokens, takes its context, model and text', () => {
    const { stats } = fold(textReply());
    expect(stats.inputTokens).toBe(1005);
    expect(stats.cacheCreationTokens).toBe(2000);
    expect(stats.cacheReadTokens).toBe(3000);
    expect(stats.outputTokens).toBe(17);
    expect(stats.contextTokens).toBe(6005);
    expect(stats.assistantMessages).toBe(1);
    expect(stats.model).toBe('claude-opus-5-5');
    expect(stats.lastAssistantText).toBe(
      'MOCK-REPLY #5 to: # Environment You have been invoked in the following environ',
    );
    expect(stats.costUsd).toBeGreaterThan(0);
  });

  it('counts a message id once, however many records repeat it', () => {
    const one = fold(textReply());
    const twice = fold(textReply(), textReply(), textReply());
    expect(twice.stats).toEqual(one.stats);
  });

  it('a later, larger snapshot of the last message adds only the growth', () => {
    const early = textReply();
    (early.message['usage'] as Record<string, number>)['output_tokens'] = 5;
    const { stats, last } = fold(early, textReply());
    expect(stats.outputTokens).toBe(17);
    expect(stats.inputTokens).toBe(1005);
    expect(stats.assistantMessages).toBe(1);
    expect(last?.tokens.output).toBe(17);
  });

  it('a smaller snapshot after the final one never takes tokens back', () => {
    const late = textReply();
    (late.message['usage'] as Record<string, number>)['output_tokens'] = 3;
    expect(fold(textReply(), late).stats.outputTokens).toBe(17);
  });

  it('an id seen earlier (not the last one) is not counted again', () => {
    const { stats } = fold(textReply(), toolReply(), textReply());
    expect(stats.assistantMessages).toBe(2);
    expect(stats.outputTokens).toBe(17 + 42);
  });

  it('replies without an id are each counted', () => {
    const a = textReply();
    delete a.message['id'];
    const { stats, seen } = fold(a, structuredClone(a));
    expect(stats.assistantMessages).toBe(2);
    expect(stats.inputTokens).toBe(2010);
    expect(seen.size).toBe(0);
  });

  it('<synthetic> placeholders count no usage and do not become the model', () => {
    const syn = textReply();
    syn.message['model'] = '<synthetic>';
    syn.message['id'] = 'msg_syn';
    syn.message['content'] = [{ type: 'text', text: 'API Error: overloaded' }];
    const { stats } = fold(textReply(), syn);
    expect(stats.assistantMessages).toBe(1);
    expect(stats.model).toBe('claude-opus-5-5');
    // Its text is still the last thing the agent said on screen.
    expect(stats.lastAssistantText).toBe('API Error: overloaded');
  });

  it('a sidechain (subagent) reply counts tokens but leaves context, model and text alone', () => {
    const side = textReply();
    side['isSidechain'] = true;
    side.message['id'] = 'msg_side';
    side.message['model'] = 'claude-haiku-4-5';
    (side.message['usage'] as Record<string, number>)['input_tokens'] = 99_000;
    side.message['content'] = [{ type: 'text', text: 'subagent says' }];
    const { stats } = fold(textReply(), side);
    expect(stats.inputTokens).toBe(1005 + 99_000);
    expect(stats.contextTokens).toBe(6005);
    expect(stats.model).toBe('claude-opus-5-5');
    expect(stats.lastAssistantText).not.toBe('subagent says');
  });

  it('flags the cost as estimated for a model missing from the price table', () => {
    const odd = textReply();
    odd.message['model'] = 'some-future-model-9';
    expect(fold(textReply()).stats.costEstimated).toBe(false);
    expect(fold(odd).stats.costEstimated).toBe(true);
  });

  it('whitespace-only text does not replace the last text', () => {
    const blank = textReply();
    blank.message['id'] = 'msg_blank';
    blank.message['content'] = [{ type: 'text', text: '  \n ' }];
    expect(fold(textReply(), blank).stats.lastAssistantText).toMatch(/^MOCK-REPLY #5/);
  });
});

describe('applyRecord: prompts, compactions, junk', () => {
  it('counts typed prompts only', () => {
    const { stats } = fold(
      userPrompt('fix the bug'),
      userPrompt('こんにちは'),
      userPrompt('<command-name>/compact</command-name>'),
      userPrompt('  <local-command-stdout>ok</local-command-stdout>'),
      userPrompt('<bash-input>ls</bash-input>'),
      userPrompt('caveat', { isMeta: true }),
      userPrompt('summary', { isCompactSummary: true }),
      userPrompt('to a subagent', { isSidechain: true }),
      userPrompt([{ type: 'tool_result', tool_use_id: 'x', content: 'ok' }]),
    );
    expect(stats.userMessages).toBe(2);
  });

  it('a compact_boundary counts a compaction and empties the context', () => {
    const { stats } = fold(textReply(), { type: 'system', subtype: 'compact_boundary' });
    expect(stats.compactions).toBe(1);
    expect(stats.contextTokens).toBe(0);
    expect(stats.inputTokens).toBe(1005);
    expect(fold({ type: 'system', subtype: 'turn_duration' }).stats).toEqual(emptyStats());
  });

  it('ignores anything that is not a record it knows', () => {
    const junk: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { type: 'assistant' },
      { type: 'assistant', message: 'x' },
      { type: 'user', message: null },
      { type: 'file-history-snapshot' },
    ];
    expect(fold(...junk).stats).toEqual(emptyStats());
  });

  it('the whole real sample: every record folds without throwing and counts its 25 replies', () => {
    const { stats } = fold(...sample);
    expect(stats.assistantMessages).toBe(25);
    expect(stats.toolCalls).toEqual({ Bash: 1 });
    expect(stats.compactions).toBe(1);
  });
});
