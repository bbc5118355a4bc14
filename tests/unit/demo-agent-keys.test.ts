import { describe, expect, it } from 'vitest';
import { KeyParser, type Key } from '../../src/demo-agent/keys.js';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Feed each chunk in turn (strings are UTF-8 encoded); returns every key produced. */
function feedAll(p: KeyParser, chunks: readonly (string | Buffer)[]): Key[] {
  return chunks.flatMap((c) => p.feed(typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
}

/** Split a buffer into pieces of `size` bytes. */
function slices(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/** Consecutive text keys merged, so tests do not depend on where a chunk happened to end. */
function merged(keys: Key[]): Key[] {
  const out: Key[] = [];
  for (const k of keys) {
    const last = out.at(-1);
    if (k.kind === 'text' && last?.kind === 'text') last.text += k.text;
    else out.push(k.kind === 'text' ? { ...k } : k);
  }
  return out;
}

describe('demo-agent KeyParser: plain keys', () => {
  it('turns printable ASCII into one text key', () => {
    expect(new KeyParser().feed(Buffer.from('hello world'))).toEqual([
      { kind: 'text', text: 'hello world' },
    ]);
  });

  it('reads Enter as \\r (and \\n)', () => {
    expect(feedAll(new KeyParser(), ['ls\r'])).toEqual([
      { kind: 'text', text: 'ls' },
      { kind: 'enter' },
    ]);
    expect(feedAll(new KeyParser(), ['\n'])).toEqual([{ kind: 'enter' }]);
  });

  it('reads backspace as \\x7f (and \\b), and tab', () => {
    expect(feedAll(new KeyParser(), ['ab\x7f\x7f\b\t'])).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'backspace' },
      { kind: 'backspace' },
      { kind: 'backspace' },
      { kind: 'tab' },
    ]);
  });

  it('maps control characters to ctrl letters', () => {
    expect(feedAll(new KeyParser(), ['\x15'])).toEqual([{ kind: 'ctrl', letter: 'u' }]);
    expect(feedAll(new KeyParser(), ['\x03'])).toEqual([{ kind: 'ctrl', letter: 'c' }]);
    expect(feedAll(new KeyParser(), ['\x01\x04\x0c\x1a'])).toEqual([
      { kind: 'ctrl', letter: 'a' },
      { kind: 'ctrl', letter: 'd' },
      { kind: 'ctrl', letter: 'l' },
      { kind: 'ctrl', letter: 'z' },
    ]);
  });

  it('splits text around control keys', () => {
    expect(feedAll(new KeyParser(), ['ab\x15cd\r'])).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'ctrl', letter: 'u' },
      { kind: 'text', text: 'cd' },
      { kind: 'enter' },
    ]);
  });

  it('reads emoji and CJK text', () => {
    expect(feedAll(new KeyParser(), ['héllo 😀 中文'])).toEqual([
      { kind: 'text', text: 'héllo 😀 中文' },
    ]);
  });

  it('reassembles multi-byte characters split across chunks at every byte', () => {
    const text = 'a😀b中文ç👍🏽z';
    const p = new KeyParser();
    const keys = feedAll(p, slices(Buffer.from(text, 'utf8'), 1));
    expect(keys.every((k) => k.kind === 'text')).toBe(true);
    const got = keys.map((k) => (k.kind === 'text' ? k.text : '')).join('');
    expect(got).toBe(text);
    expect(got).not.toContain('\ufffd');
  });

  it('reassembles a 4-byte emoji split 1+3, 2+2 and 3+1', () => {
    const bytes = Buffer.from('😀', 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const p = new KeyParser();
      expect(p.feed(bytes.subarray(0, cut))).toEqual([]);
      expect(p.feed(bytes.subarray(cut))).toEqual([{ kind: 'text', text: '😀' }]);
    }
  });
});

describe('demo-agent KeyParser: escape sequences', () => {
  it('reads CSI arrows up and down', () => {
    expect(feedAll(new KeyParser(), ['\x1b[A\x1b[B'])).toEqual([{ kind: 'up' }, { kind: 'down' }]);
  });

  it('reads SS3 arrows and arrows with modifiers', () => {
    expect(feedAll(new KeyParser(), ['\x1bOA\x1b[1;5B'])).toEqual([
      { kind: 'up' },
      { kind: 'down' },
    ]);
  });

  it('swallows other sequences without leaking their bytes as text', () => {
    expect(feedAll(new KeyParser(), ['\x1b[C\x1b[3~\x1b[?25hx'])).toEqual([
      { kind: 'text', text: 'x' },
    ]);
  });

  it('reassembles a sequence split across chunks', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from('\x1b['))).toEqual([]);
    expect(p.feed(Buffer.from('1;5'))).toEqual([]);
    expect(p.feed(Buffer.from('A'))).toEqual([{ kind: 'up' }]);
  });

  it('holds a lone ESC until flushEscape()', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from('\x1b'))).toEqual([]);
    expect(p.hasPendingEscape).toBe(true);
    expect(p.flushEscape()).toEqual([{ kind: 'escape' }]);
    expect(p.hasPendingEscape).toBe(false);
    expect(p.flushEscape()).toEqual([]);
    expect(p.feed(Buffer.from('a'))).toEqual([{ kind: 'text', text: 'a' }]);
  });

  it('holds an ESC at the end of a chunk that also had other keys', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from('hi\x1b'))).toEqual([{ kind: 'text', text: 'hi' }]);
    expect(p.hasPendingEscape).toBe(true);
    expect(p.flushEscape()).toEqual([{ kind: 'escape' }]);
  });

  it('parses ESC followed by [ in the next chunk as a sequence, not as Escape', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from('\x1b'))).toEqual([]);
    expect(p.feed(Buffer.from('[A'))).toEqual([{ kind: 'up' }]);
    expect(p.hasPendingEscape).toBe(false);
    expect(p.flushEscape()).toEqual([]);
  });

  it('parses ESC, then [, then B in three chunks as one down key', () => {
    const p = new KeyParser();
    const keys = [...p.feed(Buffer.from('\x1b')), ...p.feed(Buffer.from('['))];
    expect(p.flushEscape()).toEqual([]);
    keys.push(...p.feed(Buffer.from('B')));
    expect(keys).toEqual([{ kind: 'down' }]);
  });

  it('reads ESC followed by an ordinary character as Escape then that character', () => {
    expect(feedAll(new KeyParser(), ['\x1bx'])).toEqual([
      { kind: 'escape' },
      { kind: 'text', text: 'x' },
    ]);
  });

  it('reads two ESCs as one Escape plus a pending one', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from('\x1b\x1b'))).toEqual([{ kind: 'escape' }]);
    expect(p.flushEscape()).toEqual([{ kind: 'escape' }]);
  });
});

describe('demo-agent KeyParser: bracketed paste', () => {
  it('delivers a paste in one chunk as one paste key, with text around it', () => {
    expect(feedAll(new KeyParser(), [`ab${PASTE_START}x\ty\x1b[Az${PASTE_END}cd\r`])).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'paste', text: 'x\ty\x1b[Az' },
      { kind: 'text', text: 'cd' },
      { kind: 'enter' },
    ]);
  });

  it('delivers an empty paste', () => {
    expect(feedAll(new KeyParser(), [PASTE_START + PASTE_END])).toEqual([
      { kind: 'paste', text: '' },
    ]);
  });

  it('delivers a paste fed one byte at a time as exactly one paste key', () => {
    const text = 'line one\nwith [[say "hi"]] \x15 ctrl-u\nemoji 😀 中文';
    const p = new KeyParser();
    const keys = feedAll(p, slices(Buffer.from(PASTE_START + text + PASTE_END + '!'), 1));
    expect(keys).toEqual([
      { kind: 'paste', text },
      { kind: 'text', text: '!' },
    ]);
  });

  it('finds the end marker split across two chunks at every position', () => {
    for (let cut = 0; cut <= PASTE_END.length; cut++) {
      const p = new KeyParser();
      const keys = feedAll(p, [
        `${PASTE_START}payload${PASTE_END.slice(0, cut)}`,
        `${PASTE_END.slice(cut)}after`,
      ]);
      expect(keys, `end marker cut at ${cut}`).toEqual([
        { kind: 'paste', text: 'payload' },
        { kind: 'text', text: 'after' },
      ]);
    }
  });

  it('finds the end marker split across three chunks, even after a chunk shorter than it', () => {
    const p = new KeyParser();
    const keys = feedAll(p, [PASTE_START + 'abc', 'd\x1b', '[2', '01~']);
    expect(keys).toEqual([{ kind: 'paste', text: 'abcd' }]);
  });

  it('finds the start marker split across chunks at every position', () => {
    for (let cut = 1; cut < PASTE_START.length; cut++) {
      const p = new KeyParser();
      const keys = feedAll(p, [`x${PASTE_START.slice(0, cut)}`, `${PASTE_START.slice(cut)}y`]);
      keys.push(...p.flushEscape());
      keys.push(...feedAll(p, [PASTE_END]));
      expect(merged(keys), `start marker cut at ${cut}`).toEqual([
        { kind: 'text', text: 'x' },
        { kind: 'paste', text: 'y' },
      ]);
    }
  });

  it('does not treat a partial end marker inside the paste as the end', () => {
    const text = 'a\x1b[201b\x1b[20c\x1b';
    const keys = feedAll(new KeyParser(), [PASTE_START + text, PASTE_END]);
    expect(keys).toEqual([{ kind: 'paste', text }]);
  });

  it('turns CR and CRLF inside a paste into \\n', () => {
    expect(feedAll(new KeyParser(), [`${PASTE_START}a\r\nb\rc\nd\r\r\ne${PASTE_END}`])).toEqual([
      { kind: 'paste', text: 'a\nb\nc\nd\n\ne' },
    ]);
  });

  it('turns a CRLF split across chunks into one \\n', () => {
    expect(feedAll(new KeyParser(), [`${PASTE_START}a\r`, `\nb${PASTE_END}`])).toEqual([
      { kind: 'paste', text: 'a\nb' },
    ]);
  });

  it('produces no keys until the paste ends', () => {
    const p = new KeyParser();
    expect(p.feed(Buffer.from(`${PASTE_START}abc\r`))).toEqual([]);
    expect(p.feed(Buffer.from('def'))).toEqual([]);
    expect(p.flushEscape()).toEqual([]);
    expect(p.feed(Buffer.from(PASTE_END))).toEqual([{ kind: 'paste', text: 'abc\ndef' }]);
  });

  it('parses keys normally again after a paste', () => {
    const p = new KeyParser();
    feedAll(p, [`${PASTE_START}x${PASTE_END}`]);
    expect(feedAll(p, ['\x1b[A\x15q'])).toEqual([
      { kind: 'up' },
      { kind: 'ctrl', letter: 'u' },
      { kind: 'text', text: 'q' },
    ]);
  });

  it('delivers two pastes in one chunk as two paste keys', () => {
    expect(
      feedAll(new KeyParser(), [`${PASTE_START}a${PASTE_END}${PASTE_START}b${PASTE_END}`]),
    ).toEqual([
      { kind: 'paste', text: 'a' },
      { kind: 'paste', text: 'b' },
    ]);
  });

  it('delivers a 1 MB paste fed in 4 KiB chunks intact, as one paste key', () => {
    // Multi-byte characters make chunk boundaries fall inside UTF-8 sequences; CRs are what a
    // terminal sends for line breaks.
    const line = 'The quick brown fox — 中文 😀 jumps over [[work 1]] the lazy dog.\r';
    const lines: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < 1024 * 1024; i++) {
      const l = `${i}: ${line}`;
      lines.push(l);
      bytes += Buffer.byteLength(l);
    }
    const raw = lines.join('');
    const wire = Buffer.from(PASTE_START + raw + PASTE_END, 'utf8');
    expect(wire.length).toBeGreaterThan(1024 * 1024);
    const chunks = slices(wire, 4096);
    const p = new KeyParser();
    const keys: Key[] = [];
    for (const [i, c] of chunks.entries()) {
      const got = p.feed(c);
      if (i < chunks.length - 1) expect(got).toEqual([]);
      keys.push(...got);
    }
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key?.kind).toBe('paste');
    const text = key?.kind === 'paste' ? key.text : '';
    expect(text.length).toBe(raw.length);
    expect(text === raw.replace(/\r/g, '\n')).toBe(true);
  });
});
