import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIfExists, scanJsonLines, scanLines } from '../../src/engine/transcripts/lines.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-lines '));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Write `content` to a file, scan [from, to) and return the lines and the offset reached. */
function scan(content: string | Buffer, from = 0, to?: number, chunk?: number) {
  const path = join(dir, 'f.jsonl');
  writeFileSync(path, content);
  const size = Buffer.byteLength(content);
  const fd = openSync(path, 'r');
  try {
    const lines: string[] = [];
    const offset = scanLines(fd, from, to ?? size, (l) => lines.push(l), chunk);
    return { lines, offset };
  } finally {
    closeSync(fd);
  }
}

describe('scanLines', () => {
  it('hands over complete lines without their newline and stops after the last one', () => {
    expect(scan('a\nbb\nccc\n')).toEqual({ lines: ['a', 'bb', 'ccc'], offset: 9 });
  });

  it('keeps a trailing partial line back: the offset stops just past the last newline', () => {
    expect(scan('one\ntwo\nthr')).toEqual({ lines: ['one', 'two'], offset: 8 });
    expect(scan('no newline at all')).toEqual({ lines: [], offset: 0 });
  });

  it('reads nothing from an empty range or an empty file', () => {
    expect(scan('')).toEqual({ lines: [], offset: 0 });
    expect(scan('a\nb\n', 4, 4)).toEqual({ lines: [], offset: 4 });
  });

  it('passes empty lines through (blank ones are the JSON layer’s business)', () => {
    expect(scan('\n\nx\n')).toEqual({ lines: ['', '', 'x'], offset: 4 });
  });

  it('starts at `from` and never reads past `to`', () => {
    // bytes: "aa\n" 0-2, "bb\n" 3-5, "cc\n" 6-8
    expect(scan('aa\nbb\ncc\n', 3)).toEqual({ lines: ['bb', 'cc'], offset: 9 });
    expect(scan('aa\nbb\ncc\n', 0, 7)).toEqual({ lines: ['aa', 'bb'], offset: 6 });
  });

  it('gives the same lines for every chunk size, multi-byte characters split or not', () => {
    const text = 'héllo wörld\n日本語のテキスト\n😀 emoji 😀\n\nlast\n';
    const whole = scan(text);
    for (const chunk of [1, 2, 3, 5, 7, 64]) expect(scan(text, 0, undefined, chunk)).toEqual(whole);
    expect(whole.lines).toEqual(['héllo wörld', '日本語のテキスト', '😀 emoji 😀', '', 'last']);
    expect(whole.offset).toBe(Buffer.byteLength(text));
  });

  it('assembles a huge line spread over many chunks', () => {
    const huge = 'x'.repeat(300_000);
    const r = scan(`${huge}\nend\n`, 0, undefined, 4096);
    expect(r.lines.map((l) => l.length)).toEqual([300_000, 3]);
    expect(r.lines[0]).toBe(huge);
  });

  it('treats a chunk size of 0 as 1 byte', () => {
    expect(scan('ab\ncd\n', 0, undefined, 0)).toEqual({ lines: ['ab', 'cd'], offset: 6 });
  });

  it('stops at what is complete when the file is shorter than `to` (it shrank meanwhile)', () => {
    const r = scan('a\nb\nc', 0, 100);
    expect(r).toEqual({ lines: ['a', 'b'], offset: 4 });
  });

  it('keeps a CR of a CRLF line (JSON.parse accepts it as whitespace)', () => {
    expect(scan('{"a":1}\r\n').lines).toEqual(['{"a":1}\r']);
  });
});

describe('openIfExists', () => {
  it('opens a file that is there', () => {
    writeFileSync(join(dir, 'x'), 'x');
    const fd = openIfExists(join(dir, 'x'));
    expect(typeof fd).toBe('number');
    closeSync(fd as number);
  });

  it('is null for a missing file and for a path through a file', () => {
    expect(openIfExists(join(dir, 'missing.jsonl'))).toBeNull();
    writeFileSync(join(dir, 'plain'), '');
    expect(openIfExists(join(dir, 'plain', 'below.jsonl'))).toBeNull();
  });
});

describe('scanJsonLines', () => {
  function records(content: string, chunk?: number): { values: unknown[]; offset: number } {
    const path = join(dir, 'r.jsonl');
    writeFileSync(path, content);
    const fd = openSync(path, 'r');
    try {
      const values: unknown[] = [];
      const offset = scanJsonLines(fd, 0, Buffer.byteLength(content), (v) => values.push(v), chunk);
      return { values, offset };
    } finally {
      closeSync(fd);
    }
  }

  it('parses each complete line and skips blank, torn and corrupt ones', () => {
    const text = '{"a":1}\n\n   \n{"a":\n[1,2]\n"str"\nnull\n{"b":"ü"}\n{"c":';
    const r = records(text);
    expect(r.values).toEqual([{ a: 1 }, [1, 2], 'str', null, { b: 'ü' }]);
    // The torn last record is not consumed: it waits for the rest of its line.
    expect(r.offset).toBe(Buffer.byteLength(text) - '{"c":'.length);
  });

  it('gives the same values in 1-byte chunks', () => {
    const text = '{"t":"日本"}\n{"t":"😀"}\n';
    expect(records(text, 1)).toEqual(records(text));
    expect(records(text, 1).values).toEqual([{ t: '日本' }, { t: '😀' }]);
  });

  it('parses CRLF lines', () => {
    expect(records('{"a":1}\r\n{"b":2}\r\n').values).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
