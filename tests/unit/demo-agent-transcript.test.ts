import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGENT_VERSION,
  Transcript,
  contextWindow,
  lastContextTokens,
  projectDirName,
  tokensOf,
  transcriptPath,
  type Usage,
} from '../../src/demo-agent/transcript.js';

const usage = (input: number, output: number, create = 0, read = 0): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: create,
  cache_read_input_tokens: read,
});

describe('demo-agent projectDirName / transcriptPath', () => {
  it('turns every character outside [a-zA-Z0-9] into -', () => {
    expect(projectDirName('/home/me/my.project_v2')).toBe('-home-me-my-project-v2');
    expect(projectDirName('/tmp/a b/ü中')).toBe('-tmp-a-b---');
    expect(projectDirName('ABCxyz019')).toBe('ABCxyz019');
  });

  it('keeps names of exactly 200 characters as they are', () => {
    const cwd = `/${'a'.repeat(199)}`;
    expect(projectDirName(cwd)).toBe(`-${'a'.repeat(199)}`);
  });

  it('cuts longer names to 200 characters plus a short hash of the real path', () => {
    const a = `/${'x'.repeat(250)}/a`;
    const b = `/${'x'.repeat(250)}/b`;
    const na = projectDirName(a);
    expect(na).toMatch(/^-x{199}-[0-9a-f]{8}$/);
    expect(na).toHaveLength(209);
    expect(projectDirName(a)).toBe(na);
    expect(projectDirName(b)).not.toBe(na);
    expect(projectDirName(b).slice(0, 200)).toBe(na.slice(0, 200));
  });

  it('places the transcript under $configDir/projects/<dir>/<session>.jsonl', () => {
    expect(transcriptPath('/cfg', '/w/p', 'sid')).toBe(
      join('/cfg', 'projects', '-w-p', 'sid.jsonl'),
    );
  });
});

describe('demo-agent contextWindow / tokensOf', () => {
  it('gives 200k for 4.5 models and 1M otherwise', () => {
    expect(contextWindow('claude-sonnet-4-5')).toBe(200_000);
    expect(contextWindow('claude-haiku-4-5-20251001')).toBe(200_000);
    expect(contextWindow('claude-sonnet-4-5[1m]')).toBe(1_000_000);
    expect(contextWindow('opus')).toBe(1_000_000);
    expect(contextWindow('claude-opus-4-6')).toBe(1_000_000);
  });

  it('counts about four bytes a token, at least one', () => {
    expect(tokensOf('')).toBe(1);
    expect(tokensOf('abcd')).toBe(1);
    expect(tokensOf('abcde')).toBe(2);
    expect(tokensOf('中中')).toBe(2);
  });
});

describe('demo-agent Transcript', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent demo-transcript-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const records = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('creates missing directories and writes one JSON record a line, chained by parentUuid', () => {
    const path = transcriptPath(join(dir, 'cfg'), '/work/proj', 'sess-1');
    const t = new Transcript(path, 'sess-1', '/work/proj');
    expect(t.path).toBe(path);
    t.system('init', { content: 'hello' });
    t.user('do it', 'prompt-1');
    t.assistant('opus', [{ type: 'text', text: 'done' }], usage(10, 5, 2, 3), 'high');
    t.user([{ type: 'tool_result', tool_use_id: 't1', content: 'x' }], 'prompt-1', {
      toolUseResult: 'x',
    });

    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const rs = records(path);
    expect(rs.map((r) => r['type'])).toEqual(['system', 'user', 'assistant', 'user']);
    expect(rs[0]?.['parentUuid']).toBeNull();
    for (let i = 1; i < rs.length; i++) {
      expect(rs[i]?.['parentUuid']).toBe(rs[i - 1]?.['uuid']);
    }
    const uuids = new Set(rs.map((r) => r['uuid']));
    expect(uuids.size).toBe(rs.length);
    for (const r of rs) {
      expect(r).toMatchObject({
        isSidechain: false,
        userType: 'external',
        cwd: '/work/proj',
        sessionId: 'sess-1',
        version: AGENT_VERSION,
        entrypoint: 'cli',
      });
      expect(r['uuid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(r['timestamp'] as string).toISOString()).toBe(r['timestamp']);
    }
    expect(rs[0]).toMatchObject({ subtype: 'init', level: 'info', content: 'hello' });
    expect(rs[1]).toMatchObject({
      message: { role: 'user', content: 'do it' },
      promptId: 'prompt-1',
    });
    expect(rs[3]).toMatchObject({ toolUseResult: 'x', promptId: 'prompt-1' });
  });

  it('shapes assistant records like the API response', () => {
    const path = join(dir, 'p', 's.jsonl');
    const t = new Transcript(path, 's', '/c');
    t.assistant('sonnet', [{ type: 'text', text: 'hi' }], usage(1, 2), 'low');
    t.assistant(
      'sonnet',
      [{ type: 'tool_use', id: 'x', name: 'Bash', input: {} }],
      usage(3, 4),
      'low',
    );
    const [a, b] = records(path);
    expect(a).toMatchObject({
      type: 'assistant',
      effort: 'low',
      requestedModel: 'sonnet',
      message: {
        type: 'message',
        role: 'assistant',
        model: 'sonnet',
        content: [{ type: 'text', text: 'hi' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { ...usage(1, 2), service_tier: 'standard' },
      },
    });
    expect((a?.['message'] as { id: string }).id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(b).toMatchObject({ message: { stop_reason: 'tool_use' } });
  });

  it('does not let extra fields override uuid or timestamp', () => {
    const path = join(dir, 's.jsonl');
    const t = new Transcript(path, 's', '/c');
    t.user('x', 'p', { uuid: 'forged', timestamp: 'never' });
    const [r] = records(path);
    expect(r?.['uuid']).not.toBe('forged');
    expect(r?.['timestamp']).not.toBe('never');
  });

  it('appends to an existing file (a new Transcript starts a new chain)', () => {
    const path = join(dir, 's.jsonl');
    new Transcript(path, 's', '/c').user('one', 'p');
    new Transcript(path, 's', '/c').user('two', 'p');
    const rs = records(path);
    expect(rs).toHaveLength(2);
    expect(rs[1]?.['parentUuid']).toBeNull();
  });
});

describe('demo-agent lastContextTokens', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent demo-ctx-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is 0 for a missing file or one without assistant records', () => {
    expect(lastContextTokens(join(dir, 'none.jsonl'))).toBe(0);
    const path = join(dir, 'u.jsonl');
    new Transcript(path, 's', '/c').user('hi', 'p');
    expect(lastContextTokens(path)).toBe(0);
  });

  it('sums input, cache and output tokens of the LAST assistant record', () => {
    const path = join(dir, 's.jsonl');
    const t = new Transcript(path, 's', '/c');
    t.assistant('opus', [], usage(100, 10, 1000, 5000), 'medium');
    t.user('next', 'p');
    t.assistant('opus', [], usage(7, 3, 20, 40_000), 'medium');
    t.user('after', 'p');
    expect(lastContextTokens(path)).toBe(7 + 3 + 20 + 40_000);
  });

  it('skips a torn last line', () => {
    const path = join(dir, 's.jsonl');
    const t = new Transcript(path, 's', '/c');
    t.assistant('opus', [], usage(1, 2, 3, 4), 'medium');
    const whole = JSON.stringify({ type: 'assistant', message: { usage: usage(9, 9, 9, 9) } });
    appendFileSync(path, whole.slice(0, whole.length - 12));
    expect(lastContextTokens(path)).toBe(10);
  });

  it('skips garbage lines and records without usage', () => {
    const path = join(dir, 's.jsonl');
    writeFileSync(
      path,
      [
        JSON.stringify({ type: 'assistant', message: { usage: usage(1, 1, 1, 1) } }),
        'not json at all',
        JSON.stringify({ type: 'assistant', message: {} }),
        JSON.stringify({ type: 'user', message: { usage: usage(50, 50, 50, 50) } }),
        '',
      ].join('\n'),
    );
    expect(lastContextTokens(path)).toBe(4);
  });
});
