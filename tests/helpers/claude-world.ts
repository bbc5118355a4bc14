import { join } from 'node:path';
import { createHarness, type Harness } from './cli-harness.js';
import { claudeEnv, ensureClaude, seedClaudeConfig } from './real-claude.js';
import { startStubApi, type StubApi } from './stub-api.js';

/**
 * What every real-CLI test starts from: a harness, the stub Messages API, the pinned Claude
 * Code, a project folder it trusts, and the environment that points the one at the other.
 */
export interface ClaudeWorld {
  h: Harness;
  stub: StubApi;
  env: NodeJS.ProcessEnv;
  dir: string;
  close(): Promise<void>;
}

export async function claudeWorld(name: string): Promise<ClaudeWorld> {
  const h = createHarness(name);
  const stub = await startStubApi();
  const dir = h.tempDir('project');
  const config = join(h.fakeHome, 'claude-config');
  seedClaudeConfig(config, [dir]);
  const env = claudeEnv(ensureClaude(), stub.url, config);
  return {
    h,
    stub,
    env,
    dir,
    async close() {
      h.cleanup();
      await stub.close();
    },
  };
}
