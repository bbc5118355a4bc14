import { defineConfig } from 'vitest/config';

// The real-CLI tier (tests/real-cli: the pinned Claude Code against a stub API) runs by
// default and fails loudly when it cannot install the CLI. The only way out is explicit.
const skipRealCli = process.env['CC_AGENT_SKIP_REAL_CLI'] === '1';
if (skipRealCli) {
  process.stderr.write(
    'cc-agent tests: real-CLI tier SKIPPED on request (CC_AGENT_SKIP_REAL_CLI=1)\n',
  );
}

/** The repository tests: run on SQLite with the rest, and again on PostgreSQL (store-pg). */
const REPOSITORY_TESTS = ['tests/unit/store-*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn real tmux servers and agents; two cores, so keep the pool modest.
    maxWorkers: 3,
    fileParallelism: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: [
            '**/node_modules/**',
            // Latency claims run alone, after this suite (vitest.timing.config.ts).
            'tests/**/*.timing.test.ts',
            ...(skipRealCli ? ['tests/real-cli/**'] : []),
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'store-pg',
          include: REPOSITORY_TESTS,
          env: { CC_TEST_STORE: 'postgres' },
          globalSetup: ['tests/helpers/pg-global.ts'],
        },
      },
    ],
  },
});
