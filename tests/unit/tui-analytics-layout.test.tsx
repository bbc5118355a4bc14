import { describe, expect, it } from 'vitest';
import type { Analytics } from '../../src/engine/analytics.js';
import type { Engine } from '../../src/engine/index.js';
import { AnalyticsPanel } from '../../src/tui/panels/analytics-panel.js';
import { renderSized } from '../helpers/ink-sized.js';

/** What the store would say after a demo run: a busy day, finished jobs, tools used. */
const figures: Analytics = {
  days: Array.from({ length: 14 }, (_, i) => ({
    day: `2026-03-${String(i + 1).padStart(2, '0')}`,
    jobs: i,
    tokens: i === 13 ? 2_400_000 : i * 1000,
    costUsd: i * 0.37,
    events: i * 10,
  })),
  durations: ['6023f4ff', '74a331f2', '12639433', 'b0c1d2e3'].map((id, i) => ({
    id,
    backend: 'demo',
    status: 'completed',
    seconds: [2, 65, 3725, 12][i] ?? 1,
    prompt: `task ${id}`,
  })),
  tools: [
    { tool: 'Bash', count: 5 },
    { tool: 'Write', count: 2 },
    { tool: 'mcp__github__create_pull_request', count: 1 },
  ],
};
// The panel only asks the engine for its figures.
const engine = { analytics: () => figures } as unknown as Engine;

describe('the Analytics panel', () => {
  it.each([150, 200, 100])(
    'at %i columns its two charts stand apart, each line within its column',
    (x) => {
      const { lastFrame, unmount } = renderSized(
        <AnalyticsPanel engine={engine} width={x} version={1} />,
        x,
        40,
      );
      const lines = (lastFrame() ?? '').split('\n');
      unmount();
      const head = lines.findIndex((l) => l.includes('recent job durations'));
      const right = lines[head]?.indexOf('tool usage') ?? -1;
      expect(right).toBeGreaterThan(0);
      const rows = lines.slice(head + 1, head + 1 + figures.durations.length);
      for (const [i, l] of rows.entries()) {
        expect(l.length, l).toBeLessThanOrEqual(x);
        // A gap before the right-hand chart: the duration never runs into the tool's name.
        expect(l.slice(right - 2, right).trim(), l).toBe('');
        const tool = figures.tools[i]?.tool;
        if (tool) expect(l.slice(right), l).toMatch(new RegExp(`^${tool.slice(0, 8)}`));
      }
      expect(rows[0]).toMatch(/6023f4ff .* 2s\s/);
      expect(rows[2]).toMatch(/12639433 .* 1h02m\s/);
      // The daily chart keeps within the width too.
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(x);
    },
  );
});
