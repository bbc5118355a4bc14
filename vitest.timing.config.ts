import { defineConfig } from 'vitest/config';

// Tests whose claim is a latency (the SSE flood's p99): run after the main suite, one file at a
// time, so the figure measures cc-agent rather than the other test files sharing two cores.
export default defineConfig({
  test: {
    include: ['tests/**/*.timing.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
