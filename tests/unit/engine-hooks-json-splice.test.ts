import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcAgentError } from '../../src/engine/errors.js';
import { writeFileAtomic } from '../../src/engine/hooks/atomic-write.js';
import { appendEntry, removeEntry } from '../../src/engine/hooks/json-splice.js';
import { scanJson, type JsonArray, type JsonObject } from '../../src/engine/hooks/json-text.js';

const root = (text: string): JsonObject => scanJson(text) as JsonObject;
const arrayAt = (text: string, key: string): JsonArray =>
  root(text).members.find((m) => m.key === key)!.value as JsonArray;

const VALUE = { hooks: [{ type: 'command', command: "'/x y/relay.sh' --global", timeout: 10 }] };

// Layouts a user's settings may have: the splice must add in their style and cut back to them.
const TEXTS: Record<string, string> = {
  twoSpaces: '{\n  "a": [\n    1\n  ],\n  "b": 2\n}\n',
  fourSpaces: '{\n    "a": [\n        {"x": 1}\n    ],\n    "b": 12345678901234567890\n}',
  tabs: '{\n\t"a": [\n\t\t1,\n\t\t2\n\t],\n\t"b": "caf\\u00e9"\n}\n',
  crlf: '{\r\n  "a": [\r\n    1\r\n  ],\r\n  "b": 2\r\n}\r\n',
  oneLine: '{"a":[1, 2],"b":2,"b":3}',
  emptyArray: '{\n  "a": [],\n  "b": {}\n}\n',
  spacedColon: '{\n  "a" : [ 1 ] ,\n  "b" : 2\n}\n',
};

describe('json splice: append and remove in place', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`${name}: an appended entry parses right and removing it gives back every byte`, () => {
      const withItem = appendEntry(text, arrayAt(text, 'a'), VALUE);
      const a = (JSON.parse(withItem) as { a: unknown[] }).a;
      expect(a.at(-1)).toEqual(VALUE);
      expect(withItem.startsWith(text.slice(0, arrayAt(text, 'a').start))).toBe(true);
      const arr = arrayAt(withItem, 'a');
      expect(removeEntry(withItem, arr, arr.items.length - 1)).toBe(text);

      const withKey = appendEntry(text, root(text), [VALUE], 'NewEvent');
      expect((JSON.parse(withKey) as Record<string, unknown>)['NewEvent']).toEqual([VALUE]);
      const r = root(withKey);
      expect(removeEntry(withKey, r, r.members.length - 1)).toBe(text);
    });
  }

  it('follows the layout: indentation, line endings, one-line files', () => {
    const four = appendEntry(TEXTS['fourSpaces']!, root(TEXTS['fourSpaces']!), 1, 'k');
    expect(four).toContain(',\n    "k": 1\n}');
    const crlf = appendEntry(TEXTS['crlf']!, arrayAt(TEXTS['crlf']!, 'a'), { x: 1 });
    expect(crlf).toContain(',\r\n    {\r\n      "x": 1\r\n    }\r\n  ]');
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    const one = appendEntry(TEXTS['oneLine']!, root(TEXTS['oneLine']!), { x: 1 }, 'k');
    expect(one).toBe('{"a":[1, 2],"b":2,"b":3,"k":{"x":1}}');
    const empty = appendEntry(TEXTS['emptyArray']!, arrayAt(TEXTS['emptyArray']!, 'a'), 1);
    expect(empty).toBe('{\n  "a": [\n    1\n  ],\n  "b": {}\n}\n');
  });

  it('removes the first of several entries and the only one', () => {
    const t = '{"a": [1, 2, 3]}';
    expect(removeEntry(t, arrayAt(t, 'a'), 0)).toBe('{"a": [2, 3]}');
    expect(removeEntry(t, arrayAt(t, 'a'), 1)).toBe('{"a": [1, 3]}');
    const one = '{"a": [ 1 ]}';
    expect(removeEntry(one, arrayAt(one, 'a'), 0)).toBe('{"a": []}');
  });

  it('decodes keys and records every duplicate', () => {
    const r = root('{"hoo\\u006bs": 1, "x": 2, "x": 3}');
    expect(r.members.map((m) => m.key)).toEqual(['hooks', 'x', 'x']);
  });
});

describe('writeFileAtomic', () => {
  it('a rename that fails leaves no temp file and throws one line naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-agent-atomic-'));
    try {
      // A directory where the file should be: the temp is written, the rename fails.
      const target = join(dir, 'settings.json');
      mkdirSync(join(target, 'inside'), { recursive: true });
      let err: unknown;
      try {
        writeFileAtomic(target, '{}', 0o600);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CcAgentError);
      expect((err as Error).message).toMatch(/^cannot write .*settings\.json \(E[A-Z]+\); nothing/);
      expect(readdirSync(dir)).toEqual(['settings.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
