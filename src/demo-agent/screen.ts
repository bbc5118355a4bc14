/* eslint-disable no-control-regex -- terminal input and output are made of control characters */
/**
 * A tiny log-update style renderer, the way Ink draws Claude Code: finished lines scroll up
 * above a live region (spinner, input box, footer or a dialog) that is erased and redrawn in
 * place. The terminal is in raw mode, so every line ends in CR LF.
 */
export const style = {
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  accent: (s: string) => `\x1b[38;5;174m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
};

const ANSI = /\x1b\[[0-9;]*m/g;

/** Display width of one code point: CJK and emoji take two cells. */
function cellWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Cut a plain (no escape codes) string to at most `cols` cells. */
export function fit(text: string, cols: number): string {
  let width = 0;
  let out = '';
  /** Length of `out` before its last character: an emoji is two code units, cut it whole. */
  let beforeLast = 0;
  for (const ch of text) {
    const w = cellWidth(ch.codePointAt(0) ?? 0);
    if (width + w > cols) return `${out.slice(0, beforeLast)}…`;
    width += w;
    beforeLast = out.length;
    out += ch;
  }
  return out;
}

export const visibleLength = (s: string): number => s.replace(ANSI, '').length;

export class Screen {
  private live: string[] = [];
  private drawn = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  get cols(): number {
    return Math.max(20, (this.out.columns ?? 80) - 1);
  }

  /** Print finished lines above the live region. */
  commit(lines: string[]): void {
    const body = lines.map((l) => `${l}\x1b[K`).join('\r\n');
    this.out.write(`${this.erase()}${body}\r\n${this.paint()}`);
  }

  /** Replace the live region (each line must already fit the width). */
  render(lines: string[]): void {
    this.live = lines;
    this.out.write(this.erase() + this.paint());
  }

  /** Clear the whole screen and scrollback, as /clear does. */
  reset(): void {
    this.drawn = 0;
    this.out.write('\x1b[2J\x1b[3J\x1b[H');
  }

  private erase(): string {
    if (this.drawn === 0) return '';
    const up = this.drawn > 1 ? `\x1b[${this.drawn - 1}A` : '';
    this.drawn = 0;
    return `${up}\r\x1b[J`;
  }

  private paint(): string {
    this.drawn = this.live.length;
    return this.live.join('\r\n');
  }
}
