import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { badInput, fieldError, refused } from '../errors.js';
import type { EngineContext } from '../context.js';
import type { Worktree } from '../store/job-types.js';
import { WORKTREE_NAME } from '../vocabulary.js';
import { commitOf, firstLine, git, gitOk } from '../process/git.js';

/** Where worktrees go, inside the repository (so folder trust given to it covers them). */
export const WORKTREES_DIR = join('.cc-agent', 'worktrees');

export const branchFor = (id: string): string => `cc-agent/${id}`;

export function validWorktreeName(name: string): string {
  if (!WORKTREE_NAME.test(name) || name.endsWith('.lock') || name.includes('..')) {
    throw badInput(
      `invalid worktree name '${name}' (letters, digits, '.', '_' and '-', up to 64, not starting with one of the last three)`,
    );
  }
  return name;
}

export interface WorktreeRequest {
  /** `--worktree <name>`; the job id when left out. */
  name?: string;
  /** `--base <ref>`; HEAD when left out. */
  base?: string;
}

/** A worktree worked out but not made yet (`addWorktree` makes it). */
export interface WorktreePlan {
  worktree: Worktree;
  /** Where the agent runs: the same sub-folder of the worktree as `dir` is of the repository. */
  runDir: string;
  /** The working tree the branch is added from, and the shared .git directory. */
  top: string;
  commonDir: string;
}

interface RepoPlace {
  /** Top of the working tree `dir` is in. */
  top: string;
  /** The main working tree (where .cc-agent/worktrees lives, even when `dir` is a worktree). */
  main: string;
  /** The shared .git directory. */
  commonDir: string;
}

/** Which repository `dir` is in, or a clear error for a folder that is not in one. */
export async function repoOf(ctx: EngineContext, dir: string): Promise<RepoPlace> {
  const r = await git(ctx, dir, [
    'rev-parse',
    '--path-format=absolute',
    '--show-toplevel',
    '--git-common-dir',
  ]);
  const [top, commonDir] = r.stdout.trim().split('\n');
  if (r.code !== 0 || !top || !commonDir) {
    throw refused(
      `--worktree: ${dir} is not in a git repository (git init it, or drop --worktree)`,
    );
  }
  const main = basename(commonDir) === '.git' ? dirname(commonDir) : top;
  return { top, main, commonDir };
}

/**
 * Work out the agent's worktree, checking everything and creating nothing: branch
 * `cc-agent/<id>` from the base, under `<repo>/.cc-agent/worktrees/<name>`.
 */
export async function planWorktree(
  ctx: EngineContext,
  dir: string,
  id: string,
  req: WorktreeRequest,
): Promise<WorktreePlan> {
  const name = validWorktreeName(req.name || id);
  if (req.base !== undefined && (req.base === '' || req.base.startsWith('-'))) {
    const base = req.base;
    throw fieldError('base', (n) => `invalid ${n} '${base}'`);
  }
  const place = await repoOf(ctx, dir);
  const base = await commitOf(ctx, place.top, req.base ?? 'HEAD');
  if (!base) {
    throw refused(
      req.base === undefined
        ? `--worktree: ${place.top} has no commits yet; commit something first`
        : `--base '${req.base}' is not a commit in ${place.top}`,
    );
  }
  const baseRef = req.base ?? (await currentBranch(ctx, place.top)) ?? base;
  const path = join(place.main, WORKTREES_DIR, name);
  if (existsSync(path)) {
    throw refused(`worktree '${name}' already exists (${path}); pick another name`);
  }
  // git reports real paths; a folder reached through a symlink (macOS's /tmp, a linked ~/code)
  // must be compared as one too, or the sub-folder would point outside the worktree.
  const sub = relative(place.top, realpathSync(dir));
  const runDir = sub.startsWith('..') || isAbsolute(sub) ? path : join(path, sub);
  return {
    worktree: { repo: place.main, path, branch: branchFor(id), base, baseRef },
    runDir,
    top: place.top,
    commonDir: place.commonDir,
  };
}

/** Make a planned worktree (kept out of the repository's status by its info/exclude). */
export async function addWorktree(ctx: EngineContext, plan: WorktreePlan): Promise<void> {
  const { path, branch, base } = plan.worktree;
  excludeWorktrees(plan.commonDir);
  mkdirSync(dirname(path), { recursive: true });
  const r = await git(ctx, plan.top, ['worktree', 'add', '-b', branch, path, base]);
  if (r.code !== 0) throw refused(`--worktree: cannot create ${path}: ${firstLine(r)}`);
  // A folder git does not track (empty, or ignored) is not checked out: make it, so the agent
  // still starts where it was asked to.
  mkdirSync(plan.runDir, { recursive: true });
}

/** The branch checked out in `cwd`, or undefined on a detached HEAD. */
export async function currentBranch(ctx: EngineContext, cwd: string): Promise<string | undefined> {
  const r = await git(ctx, cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** `.cc-agent/` in the repository's own exclude file: no .gitignore edit, nothing to commit. */
function excludeWorktrees(commonDir: string): void {
  const file = join(commonDir, 'info', 'exclude');
  const line = '/.cc-agent/';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.split('\n').includes(line)) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
}

/** Put back a worktree whose folder is gone (a cleaned /tmp, a moved repo) from its branch. */
export async function restoreWorktree(ctx: EngineContext, w: Worktree): Promise<void> {
  if (existsSync(w.path)) return;
  await git(ctx, w.repo, ['worktree', 'prune']);
  mkdirSync(dirname(w.path), { recursive: true });
  await gitOk(ctx, w.repo, ['worktree', 'add', w.path, w.branch], `cannot restore ${w.path}`);
}
