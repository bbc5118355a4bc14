import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CLAUDE_VERSION = '2.1.331';
/** A key the stub accepts; the CLI is told it was approved (first-run dialog 3). */
export const STUB_KEY = 'sk-ant-api03-cc-agent-stub-key-0000000000000000';

/** Where pinned agent CLIs are installed once and reused across runs (none is a dependency). */
export function testCache(): string {
  return (
    process.env['CC_AGENT_TEST_CACHE'] ||
    join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'cc-agent-tests')
  );
}

/** Install times (ms) of the CLIs this process installed; absent = reused from the cache. */
export const installTimes: Record<string, number> = {};

/**
 * `pkg@version`, installed once into its own prefix under the cache (`<name>-<version>`, scope
 * dropped). Returns the directory holding its `bin`. Reused when `bin --version` prints the
 * version; otherwise installed, and checked again. Throws with npm's output when it cannot be
 * installed: the real-CLI tier fails loudly.
 */
export function ensureCli(pkg: string, version: string, bin: string): string {
  const prefix = join(testCache(), `${pkg.replace(/^@[^/]+\//, '')}-${version}`);
  const binDir = join(prefix, 'node_modules', '.bin');
  const exe = join(binDir, bin);
  const pinned = new RegExp(`(^|\\s)${version.replace(/\./g, '\\.')}(\\s|$)`);
  const printsVersion = () =>
    existsSync(exe) &&
    pinned.test(spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '');
  if (printsVersion()) return binDir;
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefix', prefix, `${pkg}@${version}`],
    { encoding: 'utf8', timeout: 600_000 },
  );
  installTimes[`${pkg}@${version}`] = Date.now() - started;
  if (r.status !== 0 || !printsVersion()) {
    const why = r.error ? `${r.error.message}\n` : '';
    throw new Error(
      `cannot install ${pkg}@${version} (npm exit ${r.status}): ${why}${r.stderr || r.stdout}`,
    );
  }
  return binDir;
}

/** The pinned Claude Code (~400 MB native binary). Returns the directory holding `claude`. */
export function ensureClaude(): string {
  return ensureCli('@anthropic-ai/claude-code', CLAUDE_VERSION, 'claude');
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
    // Its IPC socket goes to $XDG_RUNTIME_DIR/cc-socks (else /tmp/cc-socks): inside the test's
    // own temp tree, so nothing is left in /tmp.
    XDG_RUNTIME_DIR: join(configDir, 'run'),
  };
}
