import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who commits in test repositories: the harness's fake HOME has no git identity. */
const IDENTITY = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@localhost',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@localhost',
};

export interface GitResult {
  code: number;
  out: string;
  err: string;
}

/** git in `cwd` with the test identity; `gitOk` throws with git's message on a failure. */
export function git(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): GitResult {
  const r = spawnSync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    env: { ...env, ...IDENTITY },
  });
  return { code: r.status ?? -1, out: r.stdout.trim(), err: r.stderr.trim() };
}

export function gitOk(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): string {
  const r = git(env, cwd, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** A repository on branch main with `files` in one commit. */
export function initRepo(env: NodeJS.ProcessEnv, dir: string, files: Record<string, string>): void {
  gitOk(env, dir, 'init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  gitOk(env, dir, 'add', '.');
  gitOk(env, dir, 'commit', '-q', '-m', 'base');
}
