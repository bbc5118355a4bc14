import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import { SpawnError, type RunResult } from './runner.js';

/** Extra environment (a private index for `diff`) and bytes for git's stdin. */
export interface GitOptions {
  env?: Record<string, string>;
  input?: string;
}

/**
 * git in `cwd`, through the one process port. English messages (they are quoted in errors),
 * no pager, no credential prompt, no editor: nothing may wait on a terminal.
 */
export async function git(
  ctx: EngineContext,
  cwd: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<RunResult> {
  try {
    return await ctx.runner.run(['git', '-C', cwd, ...args], {
      env: {
        ...ctx.env,
        LC_ALL: 'C',
        GIT_TERMINAL_PROMPT: '0',
        GIT_PAGER: 'cat',
        GIT_EDITOR: 'true',
        ...options.env,
      },
      input: options.input,
      timeoutMs: 60_000,
    });
  } catch (e) {
    if (e instanceof SpawnError) {
      throw new CcAgentError('git_failed', 'git is not installed or not on PATH; install git');
    }
    throw e;
  }
}

/** git's stdout (trimmed), or a one-line error saying what failed and git's own reason. */
export async function gitOk(
  ctx: EngineContext,
  cwd: string,
  args: readonly string[],
  what: string,
  options?: GitOptions,
): Promise<string> {
  const r = await git(ctx, cwd, args, options);
  if (r.code !== 0) throw new CcAgentError('git_failed', `${what}: ${firstLine(r)}`);
  return r.stdout.trim();
}

/**
 * The line that says why git failed, for an error message: the first it marks `fatal:` or
 * `error:` (progress such as "Preparing worktree (new branch …)" comes before it), else the
 * first meaningful one.
 */
export function firstLine(r: RunResult): string {
  const lines = `${r.stderr}\n${r.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const reason = lines.find((l) => /^(fatal|error): /.test(l)) ?? lines[0];
  return reason?.replace(/^(fatal|error): /, '') ?? `git exited ${r.code}`;
}

/**
 * Who commits when cc-agent does (saving an agent's uncommitted work, a merge commit): the
 * user's own identity when git has one, otherwise cc-agent's, so a bare machine still works.
 */
export async function identity(ctx: EngineContext, cwd: string): Promise<string[]> {
  const r = await git(ctx, cwd, ['config', 'user.email']);
  return r.code === 0 && r.stdout.trim() !== ''
    ? []
    : ['-c', 'user.name=cc-agent', '-c', 'user.email=cc-agent@localhost'];
}

/** Resolve a revision to a commit id, or undefined when it names none. */
export async function commitOf(
  ctx: EngineContext,
  cwd: string,
  rev: string,
): Promise<string | undefined> {
  const r = await git(ctx, cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/**
 * Which of `files` (relative to `dir`) git ignores (.gitignore at any level, info/exclude, the
 * user's excludes file). Outside a repository nothing is ignored.
 */
export async function ignoredFiles(
  ctx: EngineContext,
  dir: string,
  files: readonly string[],
): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  let r: RunResult;
  try {
    // NUL-separated both ways: names may hold newlines or quotes.
    r = await git(ctx, dir, ['check-ignore', '-z', '--stdin'], {
      input: `${files.join('\0')}\0`,
    });
  } catch (e) {
    if (e instanceof CcAgentError) return new Set(); // no git: no ignore rules to honour
    throw e;
  }
  // 0: some ignored; 1: none; 128: not a repository.
  if (r.code !== 0) return new Set();
  return new Set(r.stdout.split('\0').filter((f) => f !== ''));
}
