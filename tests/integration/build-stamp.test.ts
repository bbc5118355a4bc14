import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';

const OUTPUTS = ['cli.js', 'engine/index.js', 'tui.bundle.js', 'web/app.js', 'demo-agent/main.js'];

/**
 * `prepare` (run by every `npm install`, and again by npx when it links this folder into its
 * cache) rebuilds only when dist/ was not built from these very sources. Checked on a copy of
 * the build's inputs with the real package.json, whose node_modules holds only a `tsc` that notes
 * it was called and fails: the build's first compiler step, seen without a 20 s build.
 */
describe('prepare skips the build when dist/ is current', () => {
  const base = mkdtempSync(join(tmpdir(), 'cc-build-stamp-'));
  const pkg = join(base, 'pkg');
  const tsc = join(pkg, 'node_modules', '.bin', 'tsc');
  const tscCalled = () => existsSync(join(base, 'tsc-called'));
  const env = { ...process.env, npm_config_cache: join(base, 'npm-cache'), HOME: base };
  const stampStep = (step: string) =>
    spawnSync(process.execPath, ['scripts/build-stamp.mjs', step], { cwd: pkg, encoding: 'utf8' });
  const npmPrepare = () =>
    spawnSync('npm', ['run', 'prepare'], { cwd: pkg, env, encoding: 'utf8' });
  /** A finished build, as far as the stamp can tell: begin, every output, end. */
  const fakeBuild = () => {
    expect(stampStep('begin').status).toBe(0);
    for (const o of OUTPUTS) {
      mkdirSync(dirname(join(pkg, 'dist', o)), { recursive: true });
      writeFileSync(join(pkg, 'dist', o), '// built\n');
    }
    expect(stampStep('end').status).toBe(0);
  };

  beforeAll(() => {
    const inputs = ['src', 'scripts', 'tsconfig.json', 'tsconfig.build.json'];
    for (const p of [...inputs, 'package.json', 'package-lock.json'])
      cpSync(join(repoRoot, p), join(pkg, p), { recursive: true });
    mkdirSync(join(pkg, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(tsc, `#!/bin/sh\necho called >> "${join(base, 'tsc-called')}"\nexit 1\n`, {
      mode: 0o755,
    });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('with a current stamp, npm run prepare leaves dist/ alone and builds nothing', () => {
    fakeBuild();
    const before = statSync(join(pkg, 'dist', 'cli.js')).mtimeMs;
    const t0 = performance.now();
    const r = npmPrepare();
    const ms = performance.now() - t0;
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('dist/ is current');
    expect(r.stdout).not.toContain('cc-agent@0.1.0 build');
    expect(statSync(join(pkg, 'dist', 'cli.js')).mtimeMs).toBe(before);
    expect(tscCalled()).toBe(false);
    process.stdout.write(`npm run prepare with a current dist/: ${ms.toFixed(0)} ms\n`);
  });

  it('a changed source, a missing output or an unfinished build means a rebuild', () => {
    fakeBuild();
    expect(stampStep('check').status).toBe(0);
    appendFileSync(join(pkg, 'src', 'cli.ts'), '\n// edited\n');
    expect(stampStep('check').status).toBe(1);
    const r = npmPrepare();
    expect(r.stdout).toContain('stale: building');
    expect(r.stdout).toContain('cc-agent@0.1.0 build');
    // The build started and failed (its tsc is a stub): no stamp is left claiming otherwise.
    expect(tscCalled()).toBe(true);
    expect(r.status).not.toBe(0);
    expect(existsSync(join(pkg, 'dist', '.build-stamp'))).toBe(false);

    fakeBuild();
    rmSync(join(pkg, 'dist', 'tui.bundle.js'));
    expect(stampStep('check').status).toBe(1);

    fakeBuild();
    expect(stampStep('begin').status).toBe(0);
    expect(stampStep('check').status).toBe(1);
  });
});
