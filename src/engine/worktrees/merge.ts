import { CcAgentError } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { Worktree } from '../store/job-types.js';
import { commitOf, firstLine, git, gitOk, identity } from '../process/git.js';
import { dirtyCount, targetOf } from './state.js';

export interface MergeResult {
  status: 'merged' | 'up-to-date' | 'conflict';
  /** The branch merged into. */
  target: string;
  /** The merge commit (merged). */
  commit?: string;
  /** Files both sides changed (conflict). */
  conflicts: string[];
  /** The agent's uncommitted work was committed on its branch first. */
  savedWork: boolean;
}

/**
 * Bring the agent's branch into its target without risking anything: the agent's uncommitted
 * work is committed on its own branch first; the merge is tried in memory (`git merge-tree`)
 * and, on a conflict, reported with nothing changed anywhere. A clean merge is made in the
 * working tree that has the target checked out (which must have no uncommitted changes), or,
 * when none has, by writing the merge commit and moving the branch directly.
 */
export async function mergeWorktree(
  ctx: EngineContext,
  w: Worktree,
  message: string,
): Promise<MergeResult> {
  const target = await targetOf(ctx, w);
  if (!target.branch) {
    throw new CcAgentError(
      'refused',
      `the worktree's base '${w.baseRef}' is not a branch; merge ${w.branch} yourself`,
    );
  }
  if (!(await commitOf(ctx, w.repo, `refs/heads/${w.branch}`))) {
    throw new CcAgentError('not_found', `branch ${w.branch} is gone`);
  }
  const savedWork = (await dirtyCount(ctx, w.path)) > 0;
  if (savedWork) {
    const who = await identity(ctx, w.path);
    await gitOk(ctx, w.path, ['add', '-A'], 'saving the agent’s uncommitted work');
    await gitOk(
      ctx,
      w.path,
      [...who, 'commit', '--no-verify', '-q', '-m', `cc-agent: uncommitted work in ${w.branch}`],
      'saving the agent’s uncommitted work',
    );
  }
  const branchRev = `refs/heads/${w.branch}`;
  const ahead = await gitOk(
    ctx,
    w.repo,
    ['rev-list', '--count', `${target.rev}..${branchRev}`],
    'git rev-list',
  );
  if (ahead === '0') return { status: 'up-to-date', target: target.name, conflicts: [], savedWork };

  const trial = await git(ctx, w.repo, [
    'merge-tree',
    '--write-tree',
    '--name-only',
    '--no-messages',
    target.rev,
    branchRev,
  ]);
  if (trial.code === 1) {
    const conflicts = trial.stdout
      .split('\n')
      .slice(1)
      .filter((l) => l !== '');
    return { status: 'conflict', target: target.name, conflicts, savedWork };
  }
  if (trial.code !== 0) throw new CcAgentError('git_failed', `git merge-tree: ${firstLine(trial)}`);
  const tree = trial.stdout.split('\n')[0] as string;

  const checkedOut = await worktreeWith(ctx, w.repo, target.name);
  if (checkedOut) {
    if ((await dirtyCount(ctx, checkedOut, 'tracked')) > 0) {
      throw new CcAgentError(
        'blocked',
        `${checkedOut} (on ${target.name}) has uncommitted changes; commit or stash them, then merge again`,
      );
    }
    const who = await identity(ctx, checkedOut);
    const r = await git(ctx, checkedOut, [
      ...who,
      'merge',
      '--no-ff',
      '--no-edit',
      '-m',
      message,
      branchRev,
    ]);
    if (r.code !== 0) {
      // Refused before touching anything (an untracked file in the way); say git's reason.
      throw new CcAgentError('blocked', `git merge in ${checkedOut}: ${firstLine(r)}`);
    }
  } else {
    const who = await identity(ctx, w.repo);
    const old = await gitOk(ctx, w.repo, ['rev-parse', target.rev], 'git rev-parse');
    const commit = await gitOk(
      ctx,
      w.repo,
      [...who, 'commit-tree', tree, '-p', old, '-p', branchRev, '-m', message],
      'git commit-tree',
    );
    // The old value makes this a compare-and-swap: a branch moved meanwhile is not overwritten.
    await gitOk(ctx, w.repo, ['update-ref', target.rev, commit, old], 'git update-ref');
  }
  const commit = await gitOk(ctx, w.repo, ['rev-parse', target.rev], 'git rev-parse');
  return { status: 'merged', target: target.name, commit, conflicts: [], savedWork };
}

/** The working tree that has `branch` checked out, if any. */
async function worktreeWith(
  ctx: EngineContext,
  repo: string,
  branch: string,
): Promise<string | undefined> {
  const out = await gitOk(ctx, repo, ['worktree', 'list', '--porcelain'], 'git worktree list');
  let path: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
    else if (line === `branch refs/heads/${branch}`) return path;
  }
  return undefined;
}
