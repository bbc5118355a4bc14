import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';

/** Where `name` is on this machine's PATH (the test needs every prerequisite to hand out). */
function onPath(name: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (r.status !== 0 || !found) throw new Error(`${name} is not on this machine's PATH`);
  return found;
}

/**
 * `npm test` on a machine that lacks a prerequisite stops at once with one line naming the
 * package, instead of failing after minutes of build and tests. A temp bin dir with links to
 * only some programs stands in for that machine.
 */
describe('npm test checks its prerequisites first', () => {
  const base = mkdtempSync(join(tmpdir(), 'cc-prereqs-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** A PATH holding only `names` (plus what npm itself needs to run a script). */
  const pathWith = (dir: string, names: readonly string[]): string => {
    const bin = join(base, dir);
    mkdirSync(bin);
    for (const n of ['node', 'npm', 'sh', ...names]) symlinkSync(onPath(n), join(bin, n));
    return bin;
  };
  const env = (path: string): NodeJS.ProcessEnv => ({
    ...process.env,
    PATH: path,
    HOME: base,
    npm_config_cache: join(base, 'npm-cache'),
    npm_config_update_notifier: 'false',
  });
  const check = (path: string) =>
    spawnSync(process.execPath, ['scripts/check-prereqs.mjs'], {
      cwd: repoRoot,
      env: env(path),
      encoding: 'utf8',
    });
  const everything = ['tmux', 'chromium', 'script', 'git', 'ps', 'tar'];

  it('passes where every prerequisite is on PATH', () => {
    const r = check(pathWith('all', everything));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('without tmux and chromium: one line naming both packages, a non-zero exit, no build', () => {
    const path = pathWith('lacking', ['script', 'git', 'ps', 'tar']);
    const direct = check(path);
    expect(direct.status).toBe(1);
    const lines = direct.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cc-agent tests: missing tmux, chromium\b/);
    expect(lines[0]).toContain('apt-get install tmux chromium');

    // The same through the README's command: it stops before the build starts. (The check must
    // be its first step: anything else would start the whole suite from inside this test.)
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['test']).toMatch(/^node scripts\/check-prereqs\.mjs && /);
    const t0 = performance.now();
    const r = spawnSync('npm', ['test'], { cwd: repoRoot, env: env(path), encoding: 'utf8' });
    const ms = performance.now() - t0;
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cc-agent tests: missing tmux, chromium');
    expect(r.stdout).not.toContain('tsc -p');
    expect(r.stdout).not.toContain('build-stamp');
    process.stdout.write(`npm test lacking tmux and chromium failed after ${ms.toFixed(0)} ms\n`);
  });

  it('names the Debian package of a missing program (script → bsdutils, ps → procps)', () => {
    const r = check(pathWith('no-script', ['tmux', 'chromium', 'git', 'tar']));
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^cc-agent tests: missing bsdutils \(script\), procps \(ps\)/);
  });

  it('--apt lists the Debian packages a fresh machine lacks, build tools included (.ci/run)', () => {
    const r = spawnSync(process.execPath, ['scripts/check-prereqs.mjs', '--apt'], {
      cwd: repoRoot,
      env: env(pathWith('apt', ['git', 'ps', 'tar'])),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split(/\s+/).sort()).toEqual(
      ['bsdutils', 'chromium', 'g++', 'make', 'python3', 'tmux'].sort(),
    );
  });
});
