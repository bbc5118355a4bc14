/* eslint-disable no-control-regex -- terminal input and output are made of control characters */
import { StringDecoder } from 'node:string_decoder';

export type Key =
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string }
  | { kind: 'enter' }
  | { kind: 'escape' }
  | { kind: 'backspace' }
  | { kind: 'tab' }
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'ctrl'; letter: string };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * Turns raw terminal input into keys. Sequences may be split across reads (a 1 MB bracketed
 * paste arrives in many chunks), so unfinished input is kept until the next chunk; a lone ESC
 * is only an Escape key once no sequence follows it (see `flushEscape`).
 */
export class KeyParser {
  private decoder = new StringDecoder('utf8');
  private pending = '';
  private paste: string[] | undefined;
  private pasteTail = '';

  feed(chunk: Buffer): Key[] {
    const keys: Key[] = [];
    let s = this.pending + this.decoder.write(chunk);
    this.pending = '';
    while (s.length > 0) {
      if (this.paste) {
        const joined = this.pasteTail + s;
        const end = joined.indexOf(PASTE_END);
        if (end < 0) {
          // Keep the last few chars aside: the end marker may be split across chunks.
          const keep = Math.min(joined.length, PASTE_END.length - 1);
          this.paste.push(joined.slice(0, joined.length - keep));
          this.pasteTail = joined.slice(joined.length - keep);
          return keys;
        }
        this.paste.push(joined.slice(0, end));
        // Terminals (and tmux paste-buffer) turn line feeds into carriage returns.
        keys.push({ kind: 'paste', text: this.paste.join('').replace(/\r\n?/g, '\n') });
        this.paste = undefined;
        this.pasteTail = '';
        s = joined.slice(end + PASTE_END.length);
        continue;
      }
      const consumed = this.one(s, keys);
      if (consumed === 0) {
        this.pending = s;
        return keys;
      }
      s = s.slice(consumed);
    }
    return keys;
  }

  /** Called when input has gone quiet: a held-back lone ESC was the Escape key. */
  flushEscape(): Key[] {
    if (this.pending === '\x1b') {
      this.pending = '';
      return [{ kind: 'escape' }];
    }
    return [];
  }

  get hasPendingEscape(): boolean {
    return this.pending === '\x1b';
  }

  /** Parse one key at the start of s; 0 means "need more input". */
  private one(s: string, keys: Key[]): number {
    const c = s[0] as string;
    if (c === '\x1b') {
      if (s.length === 1) return 0;
      if (s.startsWith(PASTE_START)) {
        this.paste = [];
        return PASTE_START.length;
      }
      if (s[1] === '[' || s[1] === 'O') {
        const m = /^\x1b[[O][0-9;?]*[\x40-\x7e]/.exec(s);
        if (!m) return s.length < 16 ? 0 : 1;
        const final = m[0].at(-1);
        if (final === 'A') keys.push({ kind: 'up' });
        if (final === 'B') keys.push({ kind: 'down' });
        return m[0].length;
      }
      keys.push({ kind: 'escape' });
      return 1;
    }
    if (c === '\r' || c === '\n') keys.push({ kind: 'enter' });
    else if (c === '\x7f' || c === '\b') keys.push({ kind: 'backspace' });
    else if (c === '\t') keys.push({ kind: 'tab' });
    else if (c < ' ')
      keys.push({ kind: 'ctrl', letter: String.fromCharCode(c.charCodeAt(0) + 96) });
    else {
      const m = /^[^\x00-\x1f\x7f]+/.exec(s);
      const text = m ? m[0] : c;
      keys.push({ kind: 'text', text });
      return text.length;
    }
    return 1;
  }
}
