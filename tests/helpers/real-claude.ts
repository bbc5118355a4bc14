import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CLAUDE_VERSION = '2.1.331';
/** A key the stub accepts; the CLI is told it was approved (first-run dialog 3). */
export const STUB_KEY = 'sk-ant-api03-cc-agent-stub-key-0000000000000000';

/**
 * The pinned Claude Code, installed once into a cache directory reused across runs (it is
 * ~400 MB: not a dependency of the package). Returns the directory holding the `claude` bin.
 * Throws with the npm output when it cannot be installed: this tier fails loudly.
 */
export function ensureClaude(): string {
  const cache =
    process.env['CC_AGENT_TEST_CACHE'] ||
    join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'cc-agent-tests');
  const prefix = join(cache, `claude-code-${CLAUDE_VERSION}`);
  const bin = join(prefix, 'node_modules', '.bin');
  const version = () =>
    spawnSync(join(bin, 'claude'), ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout ??
    '';
  if (existsSync(join(bin, 'claude')) && version().startsWith(CLAUDE_VERSION)) return bin;
  mkdirSync(prefix, { recursive: true });
  const r = spawnSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      `@anthropic-ai/claude-code@${CLAUDE_VERSION}`,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (r.status !== 0 || !version().startsWith(CLAUDE_VERSION)) {
    throw new Error(
      `cannot install @anthropic-ai/claude-code@${CLAUDE_VERSION}: ${r.stderr || r.stdout}`,
    );
  }
  return bin;
}

/**
 * The first-run seed (see the agent CLI facts): onboarding done, the given folders trusted,
 * the stub key approved. Folders not listed show the trust dialog, as for a real user.
 */
export function seedClaudeConfig(configDir: string, trusted: readonly string[]): void {
  mkdirSync(configDir, { recursive: true });
  const state = {
    hasCompletedOnboarding: true,
    theme: 'dark',
    numStartups: 5,
    customApiKeyResponses: { approved: [STUB_KEY.slice(-20)], rejected: [] },
    projects: Object.fromEntries(
      trusted.map((d) => [d, { hasTrustDialogAccepted: true, allowedTools: [] }]),
    ),
  };
  writeFileSync(join(configDir, '.claude.json'), JSON.stringify(state, null, 2));
}

/** Environment that points the real CLI at the stub, offline and isolated. */
export function claudeEnv(bin: string, stubUrl: string, configDir: string): NodeJS.ProcessEnv {
  return {
    PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    ANTHROPIC_BASE_URL: stubUrl,
    ANTHROPIC_API_KEY: STUB_KEY,
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
}
