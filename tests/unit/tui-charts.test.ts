import { describe, expect, it } from 'vitest';
import { barChart, hbar, sparkline } from '../../src/tui/charts.js';

const cells = (s: string): number => Array.from(s).length;

describe('hbar', () => {
  it('draws to the nearest eighth, padded to the width', () => {
    expect(hbar(5, 10, 4)).toBe('██  ');
    expect(hbar(1, 3, 5)).toBe('█▋   '); // 13.33 eighths → 13
    expect(hbar(7, 8, 1)).toBe('▉');
    expect(hbar(1, 8, 1)).toBe('▏');
    expect(hbar(10, 10, 3)).toBe('███');
  });

  it('clamps the value to [0, max]', () => {
    expect(hbar(20, 10, 3)).toBe('███');
    expect(hbar(-5, 10, 3)).toBe('   ');
    expect(hbar(0, 10, 3)).toBe('   ');
  });

  it('is empty when max <= 0, and zero cells wide for width 0', () => {
    expect(hbar(5, 0, 3)).toBe('   ');
    expect(hbar(5, -1, 2)).toBe('  ');
    expect(hbar(1, 1, 0)).toBe('');
  });

  it('shows a sliver for any positive value', () => {
    expect(hbar(0.001, 10, 3)).toBe('▏  ');
  });

  it('is always exactly width cells', () => {
    for (let v = 0; v <= 10; v += 0.5)
      for (let w = 0; w <= 12; w++) expect(cells(hbar(v, 10, w))).toBe(w);
  });
});

describe('sparkline', () => {
  it('draws one level per value, scaled from zero to the max', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5])).toBe('██');
    expect(sparkline([0, 14, 7])).toBe('▁█▅'); // 7/14 * 7 = 3.5 → 4
  });

  it('keeps small positive values above the baseline', () => {
    expect(sparkline([1, 100])).toBe('▂█');
  });

  it('draws the baseline for all zeros, negatives and NaN; nothing for no values', () => {
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([-3, Number.NaN, 10])).toBe('▁▁█');
    expect(sparkline([])).toBe('');
  });
});

describe('barChart', () => {
  it('pads labels, shares one scale and lines the texts up', () => {
    const rows = [
      { label: 'Bash', value: 10 },
      { label: 'Read', value: 5 },
      { label: 'Edit', value: 0 },
    ];
    // 20 - label 4 - text 2 - two spaces = a 12-cell bar
    expect(barChart(rows, 20)).toEqual([
      'Bash ████████████ 10',
      'Read ██████       5',
      'Edit              0',
    ]);
  });

  it('cuts labels over 20 cells with … and uses text when given', () => {
    const rows = [
      { label: 'a-very-long-label-that-goes-on', value: 4, text: '$4.00' },
      { label: 'x', value: 1 },
    ];
    // 40 - label 20 - text 5 - 2 = 13 cells; 1/4 of 13 cells = 26 eighths = 3 full + ▎
    expect(barChart(rows, 40)).toEqual([
      'a-very-long-label-t… █████████████ $4.00',
      'x                    ███▎          1',
    ]);
  });

  it('shrinks the bar to 1 cell, then cuts the line: never wider than width', () => {
    const rows = [{ label: 'Bash', value: 10 }];
    expect(barChart(rows, 9)).toEqual(['Bash █ 10']);
    expect(barChart(rows, 8)).toEqual(['Bash █ …']);
    expect(barChart(rows, 5)).toEqual(['Bash…']);
    expect(barChart(rows, 0)).toEqual(['']);
    const many = [
      { label: 'a-very-long-label-that-goes-on', value: 3, text: '1.2k tokens' },
      { label: 'Read', value: 1234 },
      { label: '', value: 0 },
    ];
    for (let w = 0; w <= 60; w++)
      for (const line of barChart(many, w)) expect(cells(line)).toBeLessThanOrEqual(w);
  });

  it('has no rows for no rows, and blank bars when every value is 0', () => {
    expect(barChart([], 30)).toEqual([]);
    expect(barChart([{ label: 'a', value: 0 }], 6)).toEqual(['a    0']);
  });
});
