import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';
import { Transcript } from '../../src/demo-agent/transcript.js';
import {
  MAX_SEEN_IDS,
  PRICES,
  contextPct,
  contextWindow,
  costOf,
  emptyStats,
  newReaderState,
  parseModel,
  priceOf,
  primaryTool,
  readIncrement,
  switchTranscript,
  type ApiUsage,
  type ReaderState,
} from '../../src/engine/transcripts/index.js';

/** Real Claude Code 2.1.331 captures, copied from the agent CLI facts into tests/fixtures. */
const FACTS = join(
  process.env['CC_AGENT_FACTS_DIR'] ?? join(repoRoot, 'tests', 'fixtures'),
  'claude-code-2.1.331',
);
const SAMPLE = join(FACTS, 'transcript-sample.jsonl');
const STATUSLINE = join(FACTS, 'statusline-input.json');

type Rec = Record<string, unknown>;
interface RawUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}
interface RawRecord {
  type: string;
  subtype?: string;
  promptSource?: string;
  message?: { id?: string; model?: string; usage?: RawUsage; content?: unknown };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-transcripts-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const usage = (input: number, output: number, create = 0, read = 0): RawUsage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: create,
  cache_read_input_tokens: read,
});
const assistant = (
  id: string,
  content: unknown[],
  u: RawUsage = usage(10, 5),
  model = 'claude-opus-4-5-20251101',
  extra: Rec = {},
): Rec => ({
  type: 'assistant',
  message: { id, model, role: 'assistant', content, usage: u },
  ...extra,
});
const text = (t: string): Rec => ({ type: 'text', text: t });
const tool = (id: string, name: string, input: Rec): Rec => ({ type: 'tool_use', id, name, input });
const prompt = (content: unknown, extra: Rec = {}): Rec => ({
  type: 'user',
  message: { role: 'user', content },
  ...extra,
});
const boundary = (): Rec => ({ type: 'system', subtype: 'compact_boundary' });
const jsonl = (records: Rec[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const readAll = (path: string): ReaderState => readIncrement(path, newReaderState(path));
const rawRecords = (file: string): RawRecord[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RawRecord);

/** Deterministic PRNG so a failing cut pattern can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('reading the real Claude Code 2.1.331 sample', () => {
  const raw = rawRecords(SAMPLE);
  const assistants = raw.filter((r) => r.type === 'assistant');
  const byId = new Map<string, RawUsage>();
  for (const r of assistants)
    if (!byId.has(r.message!.id!)) byId.set(r.message!.id!, r.message!.usage!);
  const sum = (k: keyof RawUsage): number => [...byId.values()].reduce((a, u) => a + u[k], 0);

  it('totals every API response once, prices it and counts prompts, tools and compactions', () => {
    const s = readAll(SAMPLE);
    expect(s.offset).toBe(statSync(SAMPLE).size);
    const st = s.stats;
    expect(st.inputTokens).toBe(sum('input_tokens'));
    expect(st.outputTokens).toBe(sum('output_tokens'));
    expect(st.cacheCreationTokens).toBe(sum('cache_creation_input_tokens'));
    expect(st.cacheReadTokens).toBe(sum('cache_read_input_tokens'));
    expect(st.assistantMessages).toBe(byId.size);
    // claude-opus-5-5 is a newest-family opus: 5 / 25 / 6.25 / 0.50 per million.
    const cost =
      (sum('input_tokens') * 5 +
        sum('output_tokens') * 25 +
        sum('cache_creation_input_tokens') * 6.25 +
        sum('cache_read_input_tokens') * 0.5) /
      1e6;
    expect(st.costUsd).toBeCloseTo(cost, 10);
    expect(st.costEstimated).toBe(false);
    expect(st.model).toBe('claude-opus-5-5');
    expect(st.toolCalls).toEqual({ Bash: 1 });
    expect(primaryTool(st)).toBe('Bash');
    expect(st.filesModified).toEqual([]);
    // Claude Code marks typed prompts itself; slash-command echoes and summaries are not prompts.
    expect(st.userMessages).toBe(raw.filter((r) => r.promptSource === 'typed').length);
    expect(st.compactions).toBe(1);
    const lastText = assistants
      .flatMap((r) => r.message!.content as { type: string; text?: string }[])
      .filter((b) => b.type === 'text')
      .at(-1)?.text;
    expect(st.lastAssistantText).toBe(lastText);
    // The sample ends with a compact_boundary and no assistant record after it.
    expect(st.contextTokens).toBe(0);
    expect(contextPct(st)).toBe(0);
  });

  it('computes context from the last usage before the boundary, as Claude Code does', () => {
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"compact_boundary"'));
    const file = join(dir, 'prefix.jsonl');
    writeFileSync(file, lines.slice(0, cut).join('\n') + '\n');
    const st = readAll(file).stats;
    const u = assistants.at(-1)!.message!.usage!;
    const ctx = u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
    expect(st.contextTokens).toBe(ctx);
    expect(contextPct(st)).toBe(Math.round((ctx / 1_000_000) * 100));
    expect(st.compactions).toBe(0);
  });

  it('agrees with the status line payload on window size and used percentage', () => {
    const sl = JSON.parse(readFileSync(STATUSLINE, 'utf8')) as {
      model: { id: string };
      context_window: {
        context_window_size: number;
        used_percentage: number;
        current_usage: RawUsage;
      };
    };
    expect(contextWindow(sl.model.id)).toBe(sl.context_window.context_window_size);
    const stats = { ...emptyStats(), model: sl.model.id };
    const u = sl.context_window.current_usage;
    stats.contextTokens =
      u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
    expect(contextPct(stats)).toBe(sl.context_window.used_percentage);
  });

  it('counts a response once when its blocks are split over several records (real CC shape)', () => {
    // Real Claude Code writes one assistant record per content block, each repeating message.id
    // and usage. Split every sample response into three such records: totals must not change.
    const out: string[] = [];
    for (const line of readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as RawRecord & Rec;
      if (r.type !== 'assistant') {
        out.push(line);
        continue;
      }
      out.push(
        JSON.stringify({
          ...r,
          message: { ...r.message, content: [{ type: 'thinking', thinking: 'hm' }] },
        }),
      );
      out.push(JSON.stringify({ ...r, message: { ...r.message, content: [text('interim')] } }));
      out.push(line);
    }
    const file = join(dir, 'split.jsonl');
    writeFileSync(file, out.join('\n') + '\n');
    const a = readAll(SAMPLE).stats;
    const b = readAll(file).stats;
    expect(b).toEqual(a);
  });
});

describe('readIncrement', () => {
  const multiByte = (): Rec[] => [
    prompt('héllo wörld 🌍 中文テキスト — please edit'),
    assistant('msg_1', [text('Sürely: 🚀🚀 编辑 ✓')], usage(100, 20, 1000, 0)),
    assistant(
      'msg_2',
      [tool('tu_1', 'Write', { file_path: '/tmp/ünï/😀.txt', content: '€'.repeat(50) })],
      usage(5, 30, 0, 1100),
    ),
    prompt([{ type: 'tool_result', tool_use_id: 'tu_1', content: 'ok ✓' }]),
    assistant('msg_3', [text('Fertig — 完成 🎉')], usage(7, 9, 0, 1150)),
    prompt('next: 🦀 and 𝄞'),
    assistant(
      'msg_4',
      [tool('tu_2', 'Edit', { file_path: '/tmp/ünï/😀.txt' }), text('…')],
      usage(3, 4, 10, 1200),
    ),
  ];

  it('gives the same result appended in random pieces (cuts mid-line and mid-character)', () => {
    const bytes = Buffer.concat([readFileSync(SAMPLE), Buffer.from(jsonl(multiByte()))]);
    const oneShotFile = join(dir, 'one.jsonl');
    writeFileSync(oneShotFile, bytes);
    const oneShot = readAll(oneShotFile);
    // Cut points inside multi-byte characters (continuation bytes 10xxxxxx), forced in.
    const inside = [...bytes.keys()].filter((i) => ((bytes[i] ?? 0) & 0xc0) === 0x80);
    expect(inside.length).toBeGreaterThan(10);
    for (const seed of [1, 2, 3]) {
      const rand = rng(seed);
      const cuts = new Set<number>(inside.filter(() => rand() < 0.2));
      for (let p = 0; p < bytes.length; p += 1 + Math.floor(rand() * 3000)) cuts.add(p);
      const points = [...cuts, bytes.length].sort((a, b) => a - b);
      const file = join(dir, `inc-${seed}.jsonl`);
      writeFileSync(file, '');
      let state = newReaderState(file);
      let prev = 0;
      let midCharCuts = 0;
      for (const p of points) {
        appendFileSync(file, bytes.subarray(prev, p));
        if (((bytes[p] ?? 0) & 0xc0) === 0x80) midCharCuts += 1;
        prev = p;
        state = readIncrement(file, state);
        // Offset always sits just after a '\n' (or at 0).
        expect(state.offset === 0 || bytes[state.offset - 1] === 0x0a).toBe(true);
        state = JSON.parse(JSON.stringify(state)) as ReaderState; // as stored in SQLite
      }
      expect(midCharCuts).toBeGreaterThan(0);
      expect(state.offset).toBe(bytes.length);
      expect(state.stats).toEqual(oneShot.stats);
    }
    expect(oneShot.stats.lastAssistantText).toBe('…');
    expect(oneShot.stats.filesModified).toEqual(['/tmp/ünï/😀.txt']);
  });

  it('decodes characters split across read chunks', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(file, Buffer.concat([readFileSync(SAMPLE), Buffer.from(jsonl(multiByte()))]));
    const big = readAll(file);
    for (const chunkSize of [1, 3, 7, 4096]) {
      const small = readIncrement(file, newReaderState(file), { chunkSize });
      expect(small).toEqual(big);
    }
  });

  it('does not consume a torn last line until it is completed', () => {
    const file = join(dir, 't.jsonl');
    const first = jsonl([assistant('msg_a', [text('one')], usage(1, 1))]);
    const second = jsonl([assistant('msg_b', [text('two ✓')], usage(2, 2))]);
    const half = Buffer.from(second).subarray(0, Buffer.byteLength(second) - 4);
    writeFileSync(file, Buffer.concat([Buffer.from(first), half]));
    let s = readAll(file);
    expect(s.offset).toBe(Buffer.byteLength(first));
    expect(s.stats.assistantMessages).toBe(1);
    expect(s.stats.lastAssistantText).toBe('one');
    s = readIncrement(file, s); // nothing new and complete: unchanged
    expect(s.offset).toBe(Buffer.byteLength(first));
    appendFileSync(file, Buffer.from(second).subarray(half.length));
    s = readIncrement(file, s);
    expect(s.offset).toBe(Buffer.byteLength(first + second));
    expect(s.stats.assistantMessages).toBe(2);
    expect(s.stats.lastAssistantText).toBe('two ✓');
  });

  it('skips unparseable and blank lines', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      `{"type":"assistant","message":{"id":"x"\n\n   \nnot json\n${jsonl([prompt('hi'), assistant('m', [text('ok')])])}`,
    );
    const s = readAll(file);
    expect(s.offset).toBe(statSync(file).size);
    expect(s.stats.userMessages).toBe(1);
    expect(s.stats.assistantMessages).toBe(1);
  });

  it('leaves the state unchanged when the file is missing', () => {
    const state = readAll(SAMPLE);
    const moved = { ...state, path: join(dir, 'gone.jsonl') };
    expect(readIncrement(moved.path, moved)).toBe(moved);
    const fresh = newReaderState(join(dir, 'nope.jsonl'));
    expect(readIncrement(fresh.path, fresh)).toEqual(fresh);
  });

  it('starts over from 0 with the stats kept when the file shrank', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      jsonl([prompt('a'), assistant('m1', [text('x')], usage(10, 1)), prompt('b')]),
    );
    let s = readAll(file);
    expect(s.stats.userMessages).toBe(2);
    truncateSync(file, 0);
    writeFileSync(file, jsonl([assistant('m2', [text('y')], usage(20, 2))]));
    s = readIncrement(file, s);
    expect(s.offset).toBe(statSync(file).size);
    expect(s.stats.inputTokens).toBe(30);
    expect(s.stats.assistantMessages).toBe(2);
    expect(s.stats.userMessages).toBe(2);
    expect(s.stats.contextTokens).toBe(20);
  });

  it('resets context at compact_boundary until the next assistant record', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      jsonl([prompt('go'), assistant('m1', [text('a')], usage(100, 10, 2000, 50_000))]),
    );
    let s = readAll(file);
    expect(s.stats.contextTokens).toBe(52_100);
    appendFileSync(file, jsonl([boundary(), prompt('summary', { isCompactSummary: true })]));
    s = readIncrement(file, s);
    expect(s.stats.contextTokens).toBe(0);
    expect(s.stats.compactions).toBe(1);
    expect(s.stats.userMessages).toBe(1);
    expect(s.stats.inputTokens).toBe(100);
    appendFileSync(
      file,
      jsonl([prompt('more'), assistant('m2', [text('b')], usage(300, 5, 0, 2000))]),
    );
    s = readIncrement(file, s);
    expect(s.stats.contextTokens).toBe(2300);
    expect(contextPct(s.stats)).toBe(1); // opus-4-5: 200k window, 1.15 %
  });

  it('counts a later, larger streaming snapshot of the same response only by its growth', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      jsonl([assistant('m1', [{ type: 'thinking', thinking: '' }], usage(2, 5, 0, 1000))]),
    );
    let s = readAll(file);
    expect(s.stats.outputTokens).toBe(5);
    appendFileSync(file, jsonl([assistant('m1', [text('done')], usage(2, 90, 0, 1000))]));
    s = readIncrement(file, JSON.parse(JSON.stringify(s)) as ReaderState);
    appendFileSync(
      file,
      jsonl([assistant('m1', [tool('t1', 'Bash', { command: 'ls' })], usage(2, 90, 0, 1000))]),
    );
    s = readIncrement(file, s);
    expect(s.stats.outputTokens).toBe(90);
    expect(s.stats.inputTokens).toBe(2);
    expect(s.stats.cacheReadTokens).toBe(1000);
    expect(s.stats.assistantMessages).toBe(1);
    expect(s.stats.costUsd).toBeCloseTo(costOf('claude-opus-4-5', usage(2, 90, 0, 1000)), 12);
  });

  it('keeps the set of seen ids bounded', () => {
    const file = join(dir, 't.jsonl');
    const recs = Array.from({ length: MAX_SEEN_IDS + 200 }, (_, i) =>
      assistant(`m${i}`, [tool(`t${i}`, 'Read', { file_path: '/x' })], usage(1, 1)),
    );
    writeFileSync(file, jsonl(recs));
    const s = readAll(file);
    expect(s.seenIds.length).toBeLessThanOrEqual(MAX_SEEN_IDS);
    expect(s.seenIds.at(-1)).toBe(`t${MAX_SEEN_IDS + 199}`);
    expect(s.stats.assistantMessages).toBe(MAX_SEEN_IDS + 200);
    expect(s.stats.toolCalls).toEqual({ Read: MAX_SEEN_IDS + 200 });
  });

  it('ignores <synthetic> placeholders for usage and sidechains for context', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      jsonl([
        assistant('m1', [text('real')], usage(10, 1, 0, 500)),
        assistant('s1', [text('side')], usage(7, 7, 0, 9000), 'claude-haiku-4-5', {
          isSidechain: true,
        }),
        assistant('syn', [text('API Error: overloaded')], usage(0, 0), '<synthetic>'),
      ]),
    );
    const st = readAll(file).stats;
    expect(st.assistantMessages).toBe(2);
    expect(st.inputTokens).toBe(17);
    expect(st.contextTokens).toBe(510);
    expect(st.model).toBe('claude-opus-4-5-20251101');
    expect(st.lastAssistantText).toBe('API Error: overloaded');
  });
});

describe('switchTranscript', () => {
  it('keeps cumulative totals and resets context for the new session file', () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(
      a,
      jsonl([
        prompt('p1'),
        assistant('m1', [tool('t1', 'Write', { file_path: '/w/a.ts' })], usage(100, 10, 0, 40_000)),
      ]),
    );
    const before = readAll(a);
    const switched = switchTranscript(before, b);
    expect(switched.path).toBe(b);
    expect(switched.offset).toBe(0);
    expect(switched.stats.contextTokens).toBe(0);
    expect({ ...switched.stats, contextTokens: 40_100 }).toEqual(before.stats);
    expect(before.stats.contextTokens).toBe(40_100); // the input state is untouched
    writeFileSync(
      b,
      jsonl([
        prompt('p2'),
        assistant('m2', [tool('t2', 'Edit', { file_path: '/w/b.ts' })], usage(50, 5, 0, 9000)),
      ]),
    );
    const after = readIncrement(b, switched);
    expect(after.stats.inputTokens).toBe(150);
    expect(after.stats.outputTokens).toBe(15);
    expect(after.stats.userMessages).toBe(2);
    expect(after.stats.contextTokens).toBe(9050);
    expect(after.stats.filesModified).toEqual(['/w/a.ts', '/w/b.ts']);
    // Reading a different path than the state's performs the same switch.
    expect(readIncrement(b, before)).toEqual(after);
  });
});

describe('tool calls and files modified', () => {
  it('collects unique paths from Write/Edit/MultiEdit/NotebookEdit in first-seen order', () => {
    const file = join(dir, 't.jsonl');
    writeFileSync(
      file,
      jsonl([
        assistant('m1', [
          tool('t1', 'Read', { file_path: '/r.ts' }),
          tool('t2', 'Write', { file_path: '/b.ts' }),
        ]),
        assistant('m2', [
          tool('t3', 'Edit', { file_path: '/a.ts' }),
          tool('t4', 'Edit', { file_path: '/b.ts' }),
        ]),
        assistant('m3', [tool('t5', 'MultiEdit', { file_path: '/c.ts', edits: [] })]),
        assistant('m4', [
          tool('t6', 'NotebookEdit', { notebook_path: '/n.ipynb', new_source: '' }),
        ]),
        assistant('m5', [
          tool('t7', 'Bash', { command: 'rm x' }),
          tool('t8', 'Edit', { file_path: '/a.ts' }),
        ]),
        // The same tool_use block repeated in a later record is counted once.
        assistant('m5', [tool('t8', 'Edit', { file_path: '/a.ts' })]),
      ]),
    );
    const st = readAll(file).stats;
    expect(st.filesModified).toEqual(['/b.ts', '/a.ts', '/c.ts', '/n.ipynb']);
    expect(st.toolCalls).toEqual({
      Read: 1,
      Write: 1,
      Edit: 3,
      MultiEdit: 1,
      NotebookEdit: 1,
      Bash: 1,
    });
    expect(primaryTool(st)).toBe('Edit');
    expect(primaryTool(emptyStats())).toBeNull();
  });
});

describe('models: prices and context windows', () => {
  const u: ApiUsage = {
    input_tokens: 1_000_000,
    output_tokens: 1_000_000,
    cache_creation_input_tokens: 1_000_000,
    cache_read_input_tokens: 1_000_000,
  };

  it('prices opus 4-5 and later apart from opus 4 / 4-1', () => {
    expect(costOf('claude-opus-4-5-20251101', u)).toBeCloseTo(5 + 25 + 6.25 + 0.5, 10);
    expect(costOf('claude-opus-5-5', u)).toBeCloseTo(36.75, 10);
    expect(costOf('claude-opus-4-1-20250805', u)).toBeCloseTo(15 + 75 + 18.75 + 1.5, 10);
    expect(costOf('claude-opus-4-20250514', u)).toBeCloseTo(110.25, 10);
    expect(costOf('claude-3-opus-20240229', u)).toBeCloseTo(110.25, 10);
    expect(costOf('claude-sonnet-4-5-20250929', u)).toBeCloseTo(3 + 15 + 3.75 + 0.3, 10);
    expect(costOf('claude-3-5-sonnet-20241022', u)).toBeCloseTo(22.05, 10);
    expect(costOf('claude-haiku-4-5-20251001', u)).toBeCloseTo(1 + 5 + 1.25 + 0.1, 10);
    expect(costOf('claude-3-5-haiku-20241022', u)).toBeCloseTo(0.8 + 4 + 1 + 0.08, 10);
    expect(costOf('anthropic.claude-opus-4-1-20250805-v1:0', u)).toBeCloseTo(110.25, 10);
  });

  it('maps the aliases to the newest family and flags unknown models', () => {
    expect(priceOf('opus')).toEqual({ ...PRICES.opus, estimated: false });
    expect(priceOf('sonnet[1m]')).toEqual({ ...PRICES.sonnet, estimated: false });
    expect(priceOf('haiku')).toEqual({ ...PRICES.haiku, estimated: false });
    expect(priceOf('gpt-5-codex')).toEqual({ ...PRICES.sonnet, estimated: true });
    expect(priceOf('')).toEqual({ ...PRICES.sonnet, estimated: true });
    const file = join(dir, 't.jsonl');
    writeFileSync(file, jsonl([assistant('m', [text('x')], usage(1_000_000, 0), 'mystery-model')]));
    const st = readAll(file).stats;
    expect(st.costEstimated).toBe(true);
    expect(st.costUsd).toBeCloseTo(3, 10);
  });

  it('prices 1-hour cache writes at twice the input rate', () => {
    const one: ApiUsage = {
      cache_creation_input_tokens: 1_000_000,
      cache_creation: { ephemeral_1h_input_tokens: 400_000, ephemeral_5m_input_tokens: 600_000 },
    };
    expect(costOf('claude-opus-4-5', one)).toBeCloseTo(0.4 * 10 + 0.6 * 6.25, 10);
  });

  it('parses model names and gives context windows per the facts', () => {
    expect(parseModel('claude-haiku-4-5-20251001')).toEqual({ family: 'haiku', version: 405 });
    expect(parseModel('claude-opus-4-20250514')).toEqual({ family: 'opus', version: 400 });
    expect(parseModel('claude-3-5-sonnet-20241022')).toEqual({ family: 'sonnet', version: 305 });
    expect(parseModel('opus')).toEqual({ family: 'opus', version: null });
    expect(parseModel('gpt-5')).toBeNull();
    expect(contextWindow('opus')).toBe(1_000_000);
    expect(contextWindow('sonnet')).toBe(1_000_000);
    expect(contextWindow('haiku')).toBe(1_000_000);
    expect(contextWindow('claude-opus-5-5')).toBe(1_000_000);
    expect(contextWindow('claude-sonnet-4-5')).toBe(200_000);
    expect(contextWindow('claude-haiku-4-5-20251001')).toBe(200_000);
    expect(contextWindow('claude-sonnet-4-5[1m]')).toBe(1_000_000);
    expect(contextWindow('claude-opus-4-1')).toBe(200_000);
    expect(contextWindow('some-other-model')).toBe(200_000);
    const st = { ...emptyStats(), model: 'claude-sonnet-4-5-20250929', contextTokens: 100_000 };
    expect(contextPct(st)).toBe(50);
    expect(contextPct(st, 'claude-sonnet-4-5[1m]')).toBe(10);
    expect(contextPct({ ...st, model: null })).toBe(50);
  });
});

describe("the simulated agent's transcript", () => {
  it('is read like a real one', () => {
    const path = join(dir, 'projects', '-w', 'sid.jsonl');
    const t = new Transcript(path, 'sid', '/w');
    const model = 'claude-sonnet-4-5';
    t.user('write a file please', 'p1', { promptSource: 'user' });
    t.assistant(
      model,
      [
        {
          type: 'tool_use',
          id: 'toolu_1',
          name: 'Write',
          input: { file_path: '/w/x.ts', content: 'x' },
        },
      ],
      usage(20, 30, 8000, 0),
      'medium',
    );
    t.user([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok', is_error: false }], 'p1');
    t.assistant(model, [{ type: 'text', text: 'Wrote /w/x.ts' }], usage(40, 6, 0, 8050), 'medium');
    t.system('turn_duration', { durationMs: 5, isMeta: true });
    let s = readAll(path);
    expect(s.stats).toMatchObject({
      inputTokens: 60,
      outputTokens: 36,
      cacheCreationTokens: 8000,
      cacheReadTokens: 8050,
      contextTokens: 8090,
      model,
      toolCalls: { Write: 1 },
      filesModified: ['/w/x.ts'],
      userMessages: 1,
      assistantMessages: 2,
      lastAssistantText: 'Wrote /w/x.ts',
      compactions: 0,
      costEstimated: false,
    });
    expect(s.stats.costUsd).toBeCloseTo((60 * 3 + 36 * 15 + 8000 * 3.75 + 8050 * 0.3) / 1e6, 12);
    expect(contextPct(s.stats)).toBe(4); // 8090 / 200k
    t.system('compact_boundary', {
      content: 'Conversation compacted',
      compactMetadata: { trigger: 'manual' },
    });
    t.user('Summary of the conversation so far (1 turns).', 'p1', { isCompactSummary: true });
    s = readIncrement(path, s);
    expect(s.stats.contextTokens).toBe(0);
    expect(s.stats.compactions).toBe(1);
    expect(s.stats.userMessages).toBe(1);
    t.user('and now?', 'p2', { promptSource: 'user' });
    t.assistant(model, [{ type: 'text', text: 'Done.' }], usage(12, 2, 0, 8100), 'medium');
    s = readIncrement(path, s);
    expect(s.stats.contextTokens).toBe(8112);
    expect(s.stats.userMessages).toBe(2);
    expect(s.stats.assistantMessages).toBe(3);
  });
});

describe('performance', () => {
  it('reads only the appended bytes of a large transcript', () => {
    const file = join(dir, 'big.jsonl');
    const line = (i: number): string =>
      JSON.stringify(
        i % 2 === 0
          ? prompt([{ type: 'tool_result', tool_use_id: `t${i}`, content: 'x'.repeat(900) }])
          : assistant(
              `m${i}`,
              [text('y'.repeat(400)), tool(`t${i}`, 'Edit', { file_path: `/f${i % 7}` })],
              usage(10, 2, 0, 1000),
            ),
      ) + '\n';
    const target = 50 * 1024 * 1024;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < target; i++) {
      const l = line(i);
      parts.push(l);
      size += l.length; // ASCII only
    }
    writeFileSync(file, parts.join(''));
    parts.length = 0;

    let t0 = performance.now();
    const full = readAll(file);
    const fullMs = performance.now() - t0;
    expect(full.offset).toBe(size);

    const extra = jsonl([assistant('m_new', [text('z'.repeat(900))], usage(1, 1, 0, 5))]);
    expect(Buffer.byteLength(extra)).toBeGreaterThan(1000);
    appendFileSync(file, extra);
    // readIncrement is pure: time it a few times from the same state and keep the best run,
    // so a stray GC pause does not decide the comparison.
    let next = full;
    let incMs = Infinity;
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      next = readIncrement(file, full);
      incMs = Math.min(incMs, performance.now() - t0);
    }

    expect(next.offset).toBe(size + Buffer.byteLength(extra));
    expect(next.stats.assistantMessages).toBe(full.stats.assistantMessages + 1);
    expect(next.stats.contextTokens).toBe(6);
    expect(next.stats.lastAssistantText).toBe('z'.repeat(900));
    expect(incMs * 20).toBeLessThan(fullMs);
  });
});
