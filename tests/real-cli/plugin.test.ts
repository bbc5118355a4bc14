import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAUDE_VERSION, ensureClaude, installTimes } from '../helpers/real-claude.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pluginDir = join(root, 'plugins', 'cc-agent');

interface Run {
  code: number | null;
  out: string;
}

/** The parts of `claude plugin validate --json` a clean plugin or marketplace has empty. */
interface Report {
  success: boolean;
  manifest: { type: string; errors: unknown[]; warnings: unknown[] };
  provides: { skills: string[] } | null;
  advice: unknown[];
  directory: { findings: unknown[]; undecided: unknown[] } | null;
}

/**
 * The pinned Claude Code checks the plugin and its marketplace as a user's `/plugin` would
 * load them, strictly: an unknown field, missing metadata or a malformed skill fails the tier.
 */
describe(`Claude Code ${CLAUDE_VERSION} validates the cc-agent plugin and marketplace`, () => {
  let claude: string;
  let home: string;
  /** A clean HOME and config dir: validation must not read or write the user's ~/.claude. */
  let env: NodeJS.ProcessEnv;
  const started = Date.now();

  beforeAll(() => {
    claude = join(ensureClaude(), 'claude');
    home = mkdtempSync(join(tmpdir(), 'cc-agent-plugin-validate-'));
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      CLAUDE_CONFIG_DIR: join(home, '.claude'),
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      NO_COLOR: '1',
    };
  }, 600_000);
  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
    const installed = installTimes[`@anthropic-ai/claude-code@${CLAUDE_VERSION}`];
    process.stdout.write(
      `real-CLI tier (plugin validate, Claude Code ${CLAUDE_VERSION}): ${((Date.now() - started) / 1000).toFixed(1)} s${installed ? `; installed in ${(installed / 1000).toFixed(1)} s` : ''}\n`,
    );
  });

  const validate = (args: string[]): Run => {
    const r = spawnSync(claude, ['plugin', 'validate', ...args], {
      cwd: home,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}${r.error ? r.error.message : ''}` };
  };
  const report = (target: string): Report => {
    const r = validate(['--strict', '--json', target]);
    expect(r.code, r.out).toBe(0);
    return JSON.parse(r.out) as Report;
  };
  /** Everything that would make a reviewer look twice, in one comparable object. */
  const concerns = (r: Report) => ({
    errors: r.manifest.errors,
    warnings: r.manifest.warnings,
    advice: r.advice,
    directoryFindings: r.directory?.findings ?? [],
  });
  const clean = { errors: [], warnings: [], advice: [], directoryFindings: [] };

  it('validate --strict <repo root>: the marketplace passes', () => {
    const r = validate(['--strict', root]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Validating marketplace manifest');
    expect(r.out).toContain('Validation passed');
  });

  it('validate --strict plugins/cc-agent: the plugin passes with its three namespaced skills', () => {
    const r = validate(['--strict', pluginDir]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Validating plugin manifest');
    for (const skill of ['cc-agent:cartographer', 'cc-agent:cc-agent', 'cc-agent:cc-agent-update'])
      expect(r.out).toContain(`skills: ${skill}`);
  });

  it('--json: no errors, warnings, advice or plugin-directory findings for either', () => {
    const market = report(root);
    expect(market.manifest.type).toBe('marketplace');
    expect(concerns(market), JSON.stringify(market, null, 2)).toEqual(clean);
    const plugin = report(pluginDir);
    expect(plugin.manifest.type).toBe('plugin');
    expect(concerns(plugin), JSON.stringify(plugin, null, 2)).toEqual(clean);
    expect(plugin.directory?.undecided ?? [], JSON.stringify(plugin.directory)).toEqual([]);
    expect(plugin.provides?.skills.sort()).toEqual([
      'cc-agent:cartographer',
      'cc-agent:cc-agent',
      'cc-agent:cc-agent-update',
    ]);
  });

  it('--profile directory --strict: the plugin directory would take it (README, icon)', () => {
    const r = validate(['--strict', '--profile', 'directory', pluginDir]);
    expect(r.code, r.out).toBe(0);
  });

  it('the check has teeth: an unknown manifest field fails --strict', () => {
    const copy = join(home, 'broken-plugin');
    cpSync(pluginDir, copy, { recursive: true });
    const manifest = join(copy, '.claude-plugin', 'plugin.json');
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifest, JSON.stringify({ ...json, colour: 'orange' }, null, 2));
    const r = validate(['--strict', copy]);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain("Unknown field 'colour'");
  });

  it('installs from the npm package alone: marketplace add of the unpacked tarball, then install', () => {
    // What `npm install -g cc-agent` puts on disk is the package's tarball: nothing else.
    const pack = spawnSync(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', home],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(home, pack.stdout.trim().split('\n').at(-1) as string);
    const tar = spawnSync('tar', ['xzf', tarball, '-C', home], { encoding: 'utf8' });
    expect(tar.status, tar.stderr).toBe(0);
    const installed = join(home, 'package');
    const run = (args: string[]): Run => {
      const r = spawnSync(claude, ['plugin', ...args], {
        cwd: home,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: r.status, out: `${r.stdout}${r.stderr}${r.error ? r.error.message : ''}` };
    };
    const add = run(['marketplace', 'add', installed]);
    expect(add.code, add.out).toBe(0);
    const install = run(['install', 'cc-agent@cc-agent']);
    expect(install.code, install.out).toBe(0);
    const details = run(['details', 'cc-agent@cc-agent']);
    expect(details.code, details.out).toBe(0);
    expect(details.out).toMatch(/Skills \(3\)\s+cartographer, cc-agent, cc-agent-update/);
    const list = run(['list']);
    expect(list.out).toContain(`Read from: ${join(installed, 'plugins', 'cc-agent')}`);
  });
});
