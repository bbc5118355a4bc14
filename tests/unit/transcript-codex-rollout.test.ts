import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyCodexUsage,
  newCodexRolloutState,
  readCodexIncrement,
} from '../../src/engine/transcripts/codex-rollout.js';
import { repoRoot } from '../helpers/cli-harness.js';

/** Real Codex 0.169.0 rollout (see tests/fixtures/codex-0.169). */
const SAMPLE = join(repoRoot, 'tests', 'fixtures', 'codex-0.169', 'rollout-sample.jsonl');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc codex '));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (type: string, payload: unknown): string =>
  `${JSON.stringify({ timestamp: '2026-11-25T16:00:00.000Z', type, payload })}\n`;
const event = (payload: Record<string, unknown>) => line('event_msg', payload);
const item = (payload: Record<string, unknown>) => line('response_item', payload);
const usage = (input: number, cached: number, output: number) => ({
  input_tokens: input,
  cached_input_tokens: cached,
  cache_write_input_tokens: 0,
  output_tokens: output,
  reasoning_output_tokens: 0,
  total_tokens: input + output,
});
const readAll = (path: string) => readCodexIncrement(path, newCodexRolloutState(path));

describe('reading records', () => {
  it('the real sample: session, version, model, tools, turns, last text', () => {
    const s = readAll(SAMPLE).file;
    expect(s.sessionId).toBe('01a21362-0431-75e3-9c80-d58a843129ce');
    expect(s.model).toBe('gpt-5-codex');
    expect(s.toolCalls).toEqual({ exec_command: 1 });
    expect(s.turns).toBe(2);
    expect(s.lastAssistantText).toBe('The note says hi. ✓');
    expect(s.usage.inputTokens).toBe(37866);
    expect(s.usage.cachedInputTokens).toBe(24960);
    expect(readAll(SAMPLE).offset).toBe(readFileSync(SAMPLE).length);
  });

  it('takes session_id when id is missing, and keeps an earlier value over a later null', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      line('session_meta', { session_id: 'sess-1', cli_version: '0.169.0' }) +
        line('session_meta', { id: 42 }),
    );
    expect(readAll(path).file).toMatchObject({ sessionId: 'sess-1', cliVersion: '0.169.0' });
  });

  it('counts function_call and custom_tool_call items by name; skips nameless ones', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      item({ type: 'function_call', name: 'exec_command' }) +
        item({ type: 'custom_tool_call', name: 'apply_patch' }) +
        item({ type: 'function_call', name: 'exec_command' }) +
        item({ type: 'function_call' }) +
        item({ type: 'function_call_output', name: 'exec_command' }),
    );
    expect(readAll(path).file.toolCalls).toEqual({ exec_command: 2, apply_patch: 1 });
  });

  it('assistant text joins output_text parts; user and developer messages do not count', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      item({
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'Hallo ' },
          { type: 'refusal', text: 'x' },
          { type: 'output_text', text: 'Welt 🌍' },
        ],
      }) +
        item({
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'user words' }],
        }) +
        item({
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: '   ' }],
        }),
    );
    expect(readAll(path).file.lastAssistantText).toBe('Hallo Welt 🌍');
  });

  it('token_count: totals replace, context is last input, window from info; info null is skipped', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      event({ type: 'task_started', model_context_window: 100_000 }) +
        event({
          type: 'token_count',
          info: {
            total_token_usage: usage(1000, 200, 50),
            last_token_usage: usage(1000, 200, 50),
            model_context_window: 258_400,
          },
        }) +
        event({ type: 'token_count', info: null, rate_limits: { primary: null } }) +
        event({
          type: 'token_count',
          info: { total_token_usage: usage(3000, 900, 80), last_token_usage: usage(2000, 700, 30) },
        }) +
        event({ type: 'task_started', model_context_window: 5 }),
    );
    const s = readAll(path).file;
    expect(s.usage).toEqual({
      inputTokens: 3000,
      cachedInputTokens: 900,
      cacheWriteInputTokens: 0,
      outputTokens: 80,
      reasoningOutputTokens: 0,
      totalTokens: 3080,
    });
    expect(s.contextTokens).toBe(2000);
    // token_count's window wins; a later task_started does not override a known one.
    expect(s.contextWindow).toBe(258_400);
  });

  it('strings and nulls in usage count as 0', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      event({
        type: 'token_count',
        info: { total_token_usage: { input_tokens: '12', output_tokens: null, total_tokens: 7 } },
      }),
    );
    expect(readAll(path).file.usage).toEqual({ ...emptyCodexUsage(), totalTokens: 7 });
  });

  it('task_complete counts a turn and keeps the last non-blank agent message', () => {
    const path = join(dir, 'r.jsonl');
    writeFileSync(
      path,
      event({ type: 'task_complete', last_agent_message: 'first ✓' }) +
        event({ type: 'task_complete', last_agent_message: null }) +
        event({ type: 'task_complete', last_agent_message: ' ' }),
    );
    expect(readAll(path).file).toMatchObject({ turns: 3, lastAssistantText: 'first ✓' });
  });
});
