import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The size targets of issue 15, kept: files small and named for what they hold (DESIGN.md),
 * the engine's facade short, and the code tested at least line for line (nearly).
 */
const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

const lines = (f: string): number => readFileSync(f, 'utf8').split('\n').length - 1;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe('sizes', () => {
  const source = files(join(ROOT, 'src')).map((f) => ({ f: relative(ROOT, f), n: lines(f) }));
  const tests = files(join(ROOT, 'tests')).map(lines);

  it('the median is the middle value, or the mean of the middle two (the check is not blind)', () => {
    expect(median([5, 1, 9])).toBe(5);
    expect(median([4, 1, 9, 100])).toBe(6.5);
  });

  it('engine.ts stays under 300 lines', () => {
    expect(source.find((s) => s.f === join('src', 'engine', 'engine.ts'))?.n).toBeLessThan(300);
  });

  it('no source file is over 350 lines, and the median is at most 100', () => {
    expect(source.filter((s) => s.n > 350).map((s) => `${s.f}: ${s.n}`)).toEqual([]);
    expect(median(source.map((s) => s.n))).toBeLessThanOrEqual(100);
  });

  it('the tests hold at least 0.9 lines for every line of source', () => {
    const total = (ns: number[]): number => ns.reduce((a, b) => a + b, 0);
    expect(total(tests) / total(source.map((s) => s.n))).toBeGreaterThanOrEqual(0.9);
  });
});
