/**
 * Where each value sits in a JSON text, so the settings file can be edited by splicing: the
 * bytes outside what we add or cut (big integers, duplicate keys, `\u00e9` escapes, the user's
 * indentation) are never parsed into values and written back. Only for text JSON.parse already
 * accepted: anything unexpected throws.
 */

export interface JsonScalar {
  kind: 'scalar';
  start: number;
  /** Exclusive. */
  end: number;
}

export interface JsonArray {
  kind: 'array';
  start: number;
  end: number;
  items: JsonNode[];
}

export interface JsonMember {
  /** The key, decoded (`"ho\u006bks"` is `hooks`). */
  key: string;
  /** Offset of the key's opening quote: where the member starts. */
  start: number;
  /** Offset just after the key's closing quote. */
  keyEnd: number;
  value: JsonNode;
}

export interface JsonObject {
  kind: 'object';
  start: number;
  end: number;
  members: JsonMember[];
}

export type JsonNode = JsonScalar | JsonArray | JsonObject;

const WS = new Set([' ', '\t', '\n', '\r']);
const SCALAR_CHAR = /[-+.0-9a-zA-Z]/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${this.pos}`);
  }

  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos] as string)) this.pos++;
  }

  expect(c: string): void {
    this.skipWs();
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  /** Past the closing quote of the string starting at pos. */
  string(): JsonScalar {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '\\') this.pos += 2;
      else {
        this.pos++;
        if (c === '"') return { kind: 'scalar', start, end: this.pos };
      }
    }
  }

  value(): JsonNode {
    this.skipWs();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    while (this.pos < this.text.length && SCALAR_CHAR.test(this.text[this.pos] as string)) {
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a value');
    return { kind: 'scalar', start, end: this.pos };
  }

  /** `[` or `{` at pos: true (and consumed) when the container closes right away. */
  closesAt(close: string): boolean {
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] !== close) return false;
    this.pos++;
    return true;
  }

  array(): JsonArray {
    const start = this.pos;
    const items: JsonNode[] = [];
    if (!this.closesAt(']')) {
      for (;;) {
        items.push(this.value());
        this.skipWs();
        if (this.text[this.pos] === ',') this.pos++;
        else break;
      }
      this.expect(']');
    }
    return { kind: 'array', start, end: this.pos, items };
  }

  object(): JsonObject {
    const start = this.pos;
    const members: JsonMember[] = [];
    if (!this.closesAt('}')) {
      for (;;) {
        this.skipWs();
        if (this.text[this.pos] !== '"') this.fail('expected a key');
        const k = this.string();
        const key = JSON.parse(this.text.slice(k.start, k.end)) as string;
        this.expect(':');
        members.push({ key, start: k.start, keyEnd: k.end, value: this.value() });
        this.skipWs();
        if (this.text[this.pos] === ',') this.pos++;
        else break;
      }
      this.expect('}');
    }
    return { kind: 'object', start, end: this.pos, members };
  }
}

/** The tree of offsets of a JSON text (which must be valid JSON). */
export function scanJson(text: string): JsonNode {
  const s = new Scanner(text);
  const root = s.value();
  s.skipWs();
  if (s.pos !== text.length) s.fail('trailing text');
  return root;
}

/** The member JSON.parse would use for `key`: the last one (duplicates are allowed). */
export function lastMember(obj: JsonObject, key: string): JsonMember | undefined {
  for (let i = obj.members.length - 1; i >= 0; i--) {
    const m = obj.members[i] as JsonMember;
    if (m.key === key) return m;
  }
  return undefined;
}

/** The value a node stands for (JSON.parse of its own slice). */
export function valueOf(text: string, node: JsonNode): unknown {
  return JSON.parse(text.slice(node.start, node.end));
}
