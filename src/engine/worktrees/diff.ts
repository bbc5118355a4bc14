import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { Worktree } from '../store/job-types.js';
import { commitOf, gitOk } from '../process/git.js';

export interface DiffOptions {
  /** A summary per file (`git diff --stat`) instead of the patch. */
  stat?: boolean;
  /** git's colours (for a terminal). */
  color?: boolean;
}

/**
 * Everything the agent changed since its base: commits on its branch, uncommitted edits and
 * new files not yet added. New files are seen through a private copy of the worktree's index
 * (`git add -A` into it), so the agent's own index is never touched.
 */
export async function worktreeDiff(
  ctx: EngineContext,
  w: Worktree,
  options: DiffOptions = {},
): Promise<string> {
  const format = [
    options.color ? '--color=always' : '--no-color',
    ...(options.stat ? ['--stat'] : []),
  ];
  if (!existsSync(w.path)) {
    // The folder is gone but the branch may not be: its commits are the work.
    if (!(await commitOf(ctx, w.repo, `refs/heads/${w.branch}`))) {
      throw new CcAgentError('not_found', `worktree ${w.path} and branch ${w.branch} are gone`);
    }
    return gitOk(ctx, w.repo, ['diff', ...format, w.base, `refs/heads/${w.branch}`], 'git diff');
  }
  const index = await gitOk(ctx, w.path, ['rev-parse', '--git-path', 'index'], 'git rev-parse');
  const real = isAbsolute(index) ? index : join(w.path, index);
  const scratch = mkdtempSync(join(tmpdir(), 'cc-agent-diff-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    // A copy keeps git's cached file stats: only changed files are hashed again.
    if (existsSync(real)) copyFileSync(real, env.GIT_INDEX_FILE);
    await gitOk(ctx, w.path, ['add', '-A'], 'git add (private index)', { env });
    return await gitOk(ctx, w.path, ['diff', '--cached', ...format, w.base], 'git diff', { env });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
