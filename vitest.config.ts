import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn real tmux servers and agents; two cores, so keep the pool modest.
    maxWorkers: 3,
    fileParallelism: true,
  },
});
