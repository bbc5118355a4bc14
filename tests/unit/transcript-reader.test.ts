import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_SEEN_IDS,
  newReaderState,
  readIncrement,
  switchTranscript,
  type ReaderState,
} from '../../src/engine/transcripts/reader.js';
import { emptyStats } from '../../src/engine/transcripts/stats.js';
import { repoRoot } from '../helpers/cli-harness.js';

const SAMPLE = join(
  repoRoot,
  'tests',
  'fixtures',
  'claude-code-2.1.331',
  'transcript-sample.jsonl',
);
const sampleText = readFileSync(SAMPLE, 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc reader '));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const reply = (id: string, output: number, text = 'ok'): string =>
  JSON.stringify({
    type: 'assistant',
    message: {
      id,
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text }],
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: output,
      },
    },
  }) + '\n';

describe('readIncrement on the real Claude Code sample', () => {
  it('consumes the whole file and counts its 25 replies', () => {
    const path = join(dir, 'session one.jsonl');
    writeFileSync(path, sampleText);
    const s = readIncrement(path, newReaderState(path));
    expect(s.offset).toBe(Buffer.byteLength(sampleText));
    expect(s.stats.assistantMessages).toBe(25);
    expect(s.stats.compactions).toBe(1);
    expect(s.lastMessage?.id).toBe('msg_mock_52');
    expect(s.seenIds).toContain('toolu_mock_7');
  });

  it('line by line gives exactly the state of reading it at once', () => {
    const path = join(dir, 's.jsonl');
    writeFileSync(path, '');
    let s = newReaderState(path);
    for (const line of sampleText.split('\n').filter(Boolean)) {
      appendFileSync(path, `${line}\n`);
      s = readIncrement(path, s);
    }
    const once = readIncrement(path, newReaderState(path));
    expect(s).toEqual(once);
  });
});

describe('readIncrement: state handling', () => {
  it('never modifies the state it is given', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, reply('m1', 5));
    const start = newReaderState(path);
    const first = readIncrement(path, start);
    const frozen = structuredClone(first);
    appendFileSync(path, reply('m2', 7));
    readIncrement(path, first);
    expect(first).toEqual(frozen);
    expect(start).toEqual(newReaderState(path));
  });

  it('returns the very same state when nothing was appended', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, reply('m1', 5));
    const s = readIncrement(path, newReaderState(path));
    expect(readIncrement(path, s)).toBe(s);
  });

  it('offsets are bytes: a non-ASCII reply moves the offset by its UTF-8 length', () => {
    const path = join(dir, 't.jsonl');
    const line = reply('m1', 5, 'Grüße, 世界 😀');
    writeFileSync(path, line);
    const s = readIncrement(path, newReaderState(path));
    expect(s.offset).toBe(Buffer.byteLength(line));
    expect(s.offset).toBeGreaterThan(line.length);
    expect(s.stats.lastAssistantText).toBe('Grüße, 世界 😀');
  });

  it('a file emptied to 0 bytes resets only the offset', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, reply('m1', 5));
    const s = readIncrement(path, newReaderState(path));
    truncateSync(path, 0);
    const after = readIncrement(path, s);
    expect(after.offset).toBe(0);
    expect(after.stats).toEqual(s.stats);
  });

  it('a replaced, shorter file is read from 0; ids already seen are not counted again', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, reply('m1', 5) + reply('m2', 7) + reply('m3', 9));
    const s = readIncrement(path, newReaderState(path));
    writeFileSync(path, reply('m2', 7) + reply('m4', 11));
    const after = readIncrement(path, s);
    expect(after.stats.outputTokens).toBe(5 + 7 + 9 + 11);
    expect(after.stats.assistantMessages).toBe(4);
  });

  it('accepts a state stored by an older version (no seenIds, fewer stats fields)', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, reply('m1', 5));
    const { compactions: _c, lastAssistantText: _l, ...oldStats } = emptyStats();
    const old = { path, offset: 0, stats: oldStats, lastMessage: null } as unknown as ReaderState;
    const s = readIncrement(path, old);
    expect(s.stats.compactions).toBe(0);
    expect(s.stats.lastAssistantText).toBe('ok');
    expect(s.seenIds).toEqual(['m1']);
  });

  it('keeps only the newest MAX_SEEN_IDS ids', () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(
      path,
      Array.from({ length: MAX_SEEN_IDS + 20 }, (_, i) => reply(`m${i}`, 1)).join(''),
    );
    const s = readIncrement(path, newReaderState(path));
    expect(s.seenIds).toHaveLength(MAX_SEEN_IDS);
    expect(s.seenIds[0]).toBe('m20');
    expect(s.seenIds.at(-1)).toBe(`m${MAX_SEEN_IDS + 19}`);
    expect(s.stats.assistantMessages).toBe(MAX_SEEN_IDS + 20);
  });
});

describe('switchTranscript and a new path', () => {
  it('the same path is a no-op', () => {
    const s = newReaderState(join(dir, 'a.jsonl'));
    expect(switchTranscript(s, s.path)).toBe(s);
  });

  it('a new path starts at 0 with the totals kept and the context emptied', () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, reply('m1', 5));
    writeFileSync(b, reply('m2', 7));
    const s = readIncrement(a, newReaderState(a));
    expect(s.stats.contextTokens).toBe(10);
    const switched = switchTranscript(s, b);
    expect(switched).toMatchObject({ path: b, offset: 0, lastMessage: null });
    expect(switched.stats.contextTokens).toBe(0);
    expect(switched.stats.outputTokens).toBe(5);
    // Not shared with the old state.
    switched.stats.toolCalls['X'] = 1;
    expect(s.stats.toolCalls).toEqual({});
    // readIncrement with another path switches by itself.
    const next = readIncrement(b, s);
    expect(next.path).toBe(b);
    expect(next.stats.outputTokens).toBe(12);
    expect(next.stats.assistantMessages).toBe(2);
  });

  it('a missing new file still switches (nothing read yet)', () => {
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, reply('m1', 5));
    const s = readIncrement(a, newReaderState(a));
    const next = readIncrement(join(dir, 'not yet.jsonl'), s);
    expect(next.path).toBe(join(dir, 'not yet.jsonl'));
    expect(next.offset).toBe(0);
    expect(next.stats.outputTokens).toBe(5);
  });
});
