import { describe, expect, it } from 'vitest';
import {
  DIRECTIVE_NAMES,
  numArg,
  parseDirectives,
  type Directive,
} from '../../src/demo-agent/directives.js';

describe('demo-agent parseDirectives', () => {
  it('returns plain text untouched (trimmed) and no directives', () => {
    expect(parseDirectives('  just a prompt\n')).toEqual({ directives: [], text: 'just a prompt' });
  });

  it('parses a directive without arguments', () => {
    expect(parseDirectives('[[done]]')).toEqual({
      directives: [{ name: 'done', args: [] }],
      text: '',
    });
  });

  it('parses bare-word arguments', () => {
    expect(parseDirectives('[[work 3]] [[context 85]]').directives).toEqual([
      { name: 'work', args: ['3'] },
      { name: 'context', args: ['85'] },
    ]);
    expect(parseDirectives('[[read src/a-b_c.ts]]').directives).toEqual([
      { name: 'read', args: ['src/a-b_c.ts'] },
    ]);
  });

  it('parses quoted arguments with spaces, and mixes them with bare words', () => {
    expect(parseDirectives('[[task "write the docs" 2]]').directives).toEqual([
      { name: 'task', args: ['write the docs', '2'] },
    ]);
    expect(parseDirectives('[[edit f.txt "old text" "new text"]]').directives).toEqual([
      { name: 'edit', args: ['f.txt', 'old text', 'new text'] },
    ]);
  });

  it('unescapes \\" \\\\ and \\n inside quoted arguments', () => {
    const { directives } = parseDirectives(String.raw`[[say "she said \"hi\"\\n\nbye"]]`);
    expect(directives).toEqual([{ name: 'say', args: ['she said "hi"\\n\nbye'] }]);
  });

  it('unescapes \\t and keeps an escaped ordinary character as itself', () => {
    const { directives } = parseDirectives(String.raw`[[write f "a\tb\x"]]`);
    expect(directives[0]?.args).toEqual(['f', 'a\tbx']);
  });

  it('keeps ]] inside a quoted argument', () => {
    expect(parseDirectives('[[say "a ]] b"]] rest').directives).toEqual([
      { name: 'say', args: ['a ]] b'] },
    ]);
    expect(parseDirectives('[[say "a ]] b"]] rest').text).toBe('rest');
  });

  it('accepts an empty quoted argument', () => {
    expect(parseDirectives('[[say ""]]').directives).toEqual([{ name: 'say', args: [''] }]);
  });

  it('lets arguments span lines and tolerates space before ]]', () => {
    expect(parseDirectives('[[write out.txt\n  "line 1\\nline 2"  ]]').directives).toEqual([
      { name: 'write', args: ['out.txt', 'line 1\nline 2'] },
    ]);
  });

  it('keeps directives in prompt order', () => {
    const { directives } = parseDirectives(
      '[[say one]] middle [[bash "echo hi"]] [[work 1]] end [[done ok]]',
    );
    expect(directives.map((d) => d.name)).toEqual(['say', 'bash', 'work', 'done']);
  });

  it('removes directives from the text and trims it', () => {
    expect(parseDirectives('  [[work 1]]Fix the bug [[done]]  ').text).toBe('Fix the bug');
    expect(parseDirectives('before [[say x]] after').text).toBe('before  after');
  });

  it('leaves unknown [[names]] in the text and does not report them', () => {
    const r = parseDirectives('see [[wiki link]] and [[foo]] [[say hi]]');
    expect(r.directives).toEqual([{ name: 'say', args: ['hi'] }]);
    expect(r.text).toBe('see [[wiki link]] and [[foo]]');
  });

  it('is case-sensitive about names and ignores malformed brackets', () => {
    const r = parseDirectives('[[SAY hi]] [[say "unterminated]] [ [done]] [[done]');
    expect(r.directives).toEqual([]);
    expect(r.text).toBe('[[SAY hi]] [[say "unterminated]] [ [done]] [[done]');
  });

  it('recognises every documented directive name', () => {
    for (const name of DIRECTIVE_NAMES) {
      expect(parseDirectives(`[[${name} 1]]`).directives).toEqual([{ name, args: ['1'] }]);
    }
    expect(DIRECTIVE_NAMES.has('bash')).toBe(true);
    expect(DIRECTIVE_NAMES.has('exit')).toBe(true);
  });

  it('is reusable: the global regex keeps no state between calls', () => {
    for (let i = 0; i < 3; i++) {
      expect(parseDirectives('x [[say hi]]').directives).toHaveLength(1);
    }
  });
});

describe('demo-agent numArg', () => {
  const d = (...args: string[]): Directive => ({ name: 'work', args });

  it('reads integer, decimal and negative numbers', () => {
    expect(numArg(d('3'), 0, 9)).toBe(3);
    expect(numArg(d('x', '0.25'), 1, 9)).toBe(0.25);
    expect(numArg(d('-2'), 0, 9)).toBe(-2);
    expect(numArg(d('0'), 0, 9)).toBe(0);
  });

  it('falls back when the argument is missing', () => {
    expect(numArg(d(), 0, 5)).toBe(5);
    expect(numArg(d('1'), 1, 7)).toBe(7);
  });

  it('falls back when the argument is not a finite number', () => {
    expect(numArg(d('soon'), 0, 5)).toBe(5);
    expect(numArg(d('1s'), 0, 5)).toBe(5);
    expect(numArg(d('Infinity'), 0, 5)).toBe(5);
    expect(numArg(d('NaN'), 0, 5)).toBe(5);
  });

  // BUG (reported): Number('') is 0, so an empty quoted argument `[[work ""]]` yields 0
  // instead of the fallback, although '' is "not a number" per numArg's contract.
  it('falls back for an empty or blank argument', () => {
    expect(numArg(d(''), 0, 5)).toBe(5);
    expect(numArg(d('  '), 0, 5)).toBe(5);
  });

  it('works on parsed directives', () => {
    const [work] = parseDirectives('[[work 2.5]]').directives;
    expect(numArg(work as Directive, 0, 1)).toBe(2.5);
  });
});
