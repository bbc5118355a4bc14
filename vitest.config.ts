import { defineConfig } from 'vitest/config';

// The real-CLI tier (tests/real-cli: the pinned Claude Code against a stub API) runs by
// default and fails loudly when it cannot install the CLI. The only way out is explicit.
const skipRealCli = process.env['CC_AGENT_SKIP_REAL_CLI'] === '1';
if (skipRealCli) {
  process.stderr.write(
    'cc-agent tests: real-CLI tier SKIPPED on request (CC_AGENT_SKIP_REAL_CLI=1)\n',
  );
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: [
      '**/node_modules/**',
      // Latency claims run alone, after this suite (vitest.timing.config.ts).
      'tests/**/*.timing.test.ts',
      ...(skipRealCli ? ['tests/real-cli/**'] : []),
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn real tmux servers and agents; two cores, so keep the pool modest.
    maxWorkers: 3,
    fileParallelism: true,
  },
});
