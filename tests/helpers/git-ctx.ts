import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EngineContext } from '../../src/engine/context.js';
import { realRunner } from '../../src/engine/process/runner.js';
import { gitOk } from './git-repo.js';

export interface GitPlace {
  /** What engine git calls need: the real process runner and an environment. */
  ctx: EngineContext;
  /** The test's environment: HOME in the temp folder (no user identity, no global config). */
  env: NodeJS.ProcessEnv;
  /** A repository on main with one commit (its folder name has a space). */
  repo: string;
  root: string;
  git(cwd: string, ...args: string[]): string;
  cleanup(): void;
}

/** A real git repository in a temp folder and a context to run engine git code against it. */
export function gitPlace(files: Record<string, string> = { 'README.md': 'hello\n' }): GitPlace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cc-git-')));
  const home = join(root, 'home');
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const repo = join(root, 'my repo');
  mkdirSync(repo);
  gitOk(env, repo, 'init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, name)), { recursive: true });
    writeFileSync(join(repo, name), content);
  }
  gitOk(env, repo, 'add', '.');
  gitOk(env, repo, 'commit', '-q', '-m', 'base');
  const ctx = { runner: realRunner, env } as unknown as EngineContext;
  return {
    ctx,
    env,
    repo,
    root,
    git: (cwd, ...args) => gitOk(env, cwd, ...args),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
