import { describe, expect, it } from 'vitest';
import { Chain } from '../../src/engine/tmux/tmux.js';
import { inputCommands, INPUT_BUDGET, inputPieces } from '../../src/engine/tmux/input-chunks.js';

const TARGET = '=cc-agent-12345678:';
const bytes = (argv: readonly string[]): number =>
  argv.reduce((n, w) => n + Buffer.byteLength(w) + 1, 0);

/** Random terminal input: text (1- to 4-byte UTF-8), control bytes, escape sequences. */
function noise(length: number, seed: number): string {
  const parts = ['a', 'é', '✓', '😀', '\r', '\x1b[A', '\x1b[200~', '\x7f', ';', '\t', '$(x)'];
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += parts[x % parts.length] as string;
  }
  return s;
}

describe('terminal input in pieces tmux accepts', () => {
  it('keeps one small input in one tmux call', () => {
    expect(inputPieces(TARGET, 'ls -la\r')).toEqual(['ls -la\r']);
    expect(inputPieces(TARGET, '')).toEqual([]);
  });

  it('cuts big input into calls under the budget that join back to the input exactly', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const data = noise(64 * 1024, seed);
      const pieces = inputPieces(TARGET, data);
      expect(pieces.join('')).toBe(data);
      expect(pieces.length).toBeGreaterThan(8);
      for (const [i, piece] of pieces.entries()) {
        const argv = new Chain(...inputCommands(TARGET, piece)).argv;
        expect(bytes(argv), `piece ${i}`).toBeLessThanOrEqual(INPUT_BUDGET);
        // Never half a code point; never an escape sequence cut in two (a cut near an ESC
        // falls just before it).
        expect(piece).not.toMatch(/[\ud800-\udbff]$/);
        expect(piece).not.toMatch(/^[\udc00-\udfff]/);
        const next = pieces[i + 1];
        if (next !== undefined && !next.startsWith('\x1b')) {
          expect(piece.slice(-32), `piece ${i}`).not.toContain('\x1b');
        }
      }
    }
  });

  it('cuts a run of control bytes too (three bytes each as hex words)', () => {
    const data = '\x7f'.repeat(10_000);
    const pieces = inputPieces(TARGET, data);
    expect(pieces.join('')).toBe(data);
    for (const piece of pieces) {
      expect(bytes(new Chain(...inputCommands(TARGET, piece)).argv)).toBeLessThanOrEqual(
        INPUT_BUDGET,
      );
    }
  });
});
