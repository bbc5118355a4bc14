import { describe, expect, it } from 'vitest';
import { firstBadOffset, parseProblem } from '../../src/engine/json-problem.js';

const problem = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (e) {
    return parseProblem(text, e);
  }
  throw new Error(`valid JSON: ${text}`);
};

describe('a JSON problem in one line, with its line and column', () => {
  it('names the line even when the engine names no offset', () => {
    // V8 words this one "Unexpected token '}', …" with no position.
    expect(problem('{"tasks": [\n  {"id": "a"},\n  }\n]}')).toMatch(/ at line 3, column 3$/);
    expect(problem('{\n "a": 1,\n}')).toMatch(/ at line 3, column 1$/);
    expect(problem('{"a": tru}')).toMatch(/ at line 1, column 7$/);
    expect(problem('[1, 2')).toMatch(/ at line 1, column 6$/);
    expect(problem('{"a": 1} x')).toMatch(/ at line 1, column 10$/);
    expect(problem('{"a": "x\ny"}')).not.toContain('\n');
  });

  it('finds no bad offset in valid JSON, and one in every invalid text', () => {
    const valid = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]} ', '"s"', '0'];
    for (const v of valid) expect(firstBadOffset(v), v).toBeUndefined();
    const invalid = [
      '"a\tb"',
      '',
      '{',
      '{"a"}',
      '{"a":}',
      '[1,]',
      '01',
      '"\\x"',
      '{"a":1,}',
      'nul',
      '[1 2]',
    ];
    for (const v of invalid) {
      expect(() => JSON.parse(v), v).toThrow();
      expect(firstBadOffset(v), v).toBeTypeOf('number');
    }
  });
});
