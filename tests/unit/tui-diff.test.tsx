import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import type { Worktree } from '../../src/engine/store/job-types.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { App } from '../../src/tui/app.js';
import { gitOk, initRepo } from '../helpers/git-repo.js';
import { jobRow } from '../helpers/job-row.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The Diff view of the App over a real git worktree and a real store, with no tmux: the jobs
 * are rows written straight into the store (an agent's session is not needed to diff or merge
 * its worktree). Keys go in through Ink's stdin; frames are read back as text.
 */
const git = (cwd: string, ...args: string[]): string => gitOk(process.env, cwd, ...args);

let root: string;
let engine: Engine;
let db: Db;
let app: ReturnType<typeof render>;
let repo: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cc-tui-diff-'));
  const home = join(root, 'home');
  repo = join(root, 'repo');
  mkdirSync(repo);
  initRepo(process.env, repo, { 'readme.txt': 'base\n' });
  engine = createEngine({
    home,
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-diff-unused' },
  });
  db = openDb(engine.paths.db);
});
afterEach(() => {
  app?.unmount();
  db.close();
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

/** A job row as `start` would leave it, idle at its prompt. */
function addJob(id: string, worktree: Worktree | null): void {
  const now = Date.now();
  const row = jobRow(id, {
    model: null,
    effort: null,
    dir: worktree?.path ?? repo,
    prompt_preview: `task of ${id}`,
    tmux_socket: 'cc-tui-diff-unused',
    activity: 'waiting',
    argv: '[]',
    files: '[]',
    created_at: now,
    started_at: now,
    updated_at: now,
    worktree: worktree ? JSON.stringify(worktree) : null,
  });
  new JobsRepo(db).insert(row);
}

/** A worktree on its own branch off main, as `start --worktree` makes one. */
function addWorktreeJob(id: string): Worktree {
  const path = join(root, 'worktrees', id);
  const branch = `cc-agent/${id}`;
  git(repo, 'worktree', 'add', '-q', '-b', branch, path, 'main');
  const w: Worktree = { repo, path, branch, base: git(repo, 'rev-parse', 'main'), baseRef: 'main' };
  addJob(id, w);
  return w;
}

const frame = (): string => app.lastFrame() ?? '';
const until = (what: string, ok: (f: string) => boolean) =>
  waitFor(() => ok(frame()) && frame(), what, 5000, 10).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n--- frame ---\n${frame()}`);
  });
const press = async (...keys: string[]): Promise<void> => {
  for (const k of keys) {
    app.stdin.write(k);
    // Each key is its own read, as a person types them.
    await new Promise((r) => setImmediate(r));
  }
};
/** Open one job's detail through the Jobs panel's filter. */
async function openJob(id: string): Promise<void> {
  app = render(<App engine={engine} cwd={root} />);
  await until('the job in the list', (x) => x.includes(id));
  await press('/', ...id, '\r');
  await until('only that job', (x) => x.includes(`filter: ${id}`));
  await press('l');
  await until("the job's detail", (x) => x.includes('timeline'));
}

describe('the Diff view', () => {
  it('shows the diff windowed to the screen, scrolls it, and goes back', async () => {
    const w = addWorktreeJob('wt000001');
    const body = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n');
    writeFileSync(join(w.path, 'notes.txt'), `${body}\n`);
    await openJob('wt000001');
    await press('d');
    // 30 rows: 27 for the body, 24 of them diff; the diff is 6 header lines and 60 added.
    let f = await until('the diff', (x) => x.includes('lines 1–24 of 66'));
    expect(f).toContain('cc-agent/wt000001 → main · 1 dirty');
    expect(f).toContain('diff --git a/notes.txt b/notes.txt');
    expect(f).toContain('+line 18');
    expect(f).not.toContain('+line 19');
    expect(f).toMatch(/d diff · M merge/);

    await press('j', 'j');
    f = await until('two lines down', (x) => x.includes('lines 3–26 of 66'));
    expect(f).not.toContain('diff --git');
    await press('G');
    f = await until('the bottom', (x) => x.includes('lines 43–66 of 66'));
    expect(f).toContain('+line 60');
    await press('\x1b[5~'); // PgUp
    await until('a page up', (x) => x.includes('lines 19–42 of 66'));
    await press('k', 'g');
    f = await until('the top again', (x) => x.includes('lines 1–24 of 66'));
    expect(f).toContain('diff --git');

    await press('\x1b');
    f = await until('the live screen again', (x) => x.includes('timeline'));
    expect(f).not.toContain('lines 1–24');
    await press('d');
    await until('the diff once more', (x) => x.includes('lines 1–24 of 66'));
    await press('d');
    await until('the live screen', (x) => x.includes('timeline') && !x.includes('diff --git'));
  });

  it("fetches again when the job changes, as the agent's hook events change it", async () => {
    const w = addWorktreeJob('wt000005');
    writeFileSync(join(w.path, 'first.txt'), 'one\n');
    await openJob('wt000005');
    await press('d');
    await until('the first edit', (x) => x.includes('+one') && x.includes('1 dirty'));
    writeFileSync(join(w.path, 'second.txt'), 'two\n');
    new JobsRepo(db).update('wt000005', { updated_at: Date.now() + 1000 });
    const job = engine.jobsNow().find((j) => j.id === 'wt000005');
    if (job) engine.events.emit('job_updated', job);
    await until('the second edit', (x) => x.includes('+two') && x.includes('2 dirty'));
  });

  it('merges after a yes, reports it, and the work is on main', async () => {
    const w = addWorktreeJob('wt000002');
    writeFileSync(join(w.path, 'feature.txt'), 'from the agent\n');
    // Already seen: opening it changes nothing, so only the merge itself can refresh the header.
    db.prepare("UPDATE jobs SET activity = 'idle' WHERE id = ?").run('wt000002');
    await openJob('wt000002');
    await press('M');
    // M shows the diff before it asks.
    await until(
      'the question over the diff',
      (x) =>
        /Merge cc-agent\/wt000002 into main\?.*\[y\/n\]/s.test(x) && x.includes('+from the agent'),
    );
    await press('n');
    await until('the question to go', (x) => !x.includes('[y/n]'));
    expect(git(repo, 'log', '--oneline', 'main')).not.toMatch(/Merge/);
    await press('M', 'y');
    await until('the merge', (x) => /merged wt000002 into main \([0-9a-f]{12}\)/.test(x));
    expect(readFileSync(join(repo, 'feature.txt'), 'utf8')).toBe('from the agent\n');
    // The header follows the branch's new state without a keypress.
    await until('the header to say merged', (x) => x.includes('merged into main'));
  });

  it('reports a conflict with its files, and changes nothing', async () => {
    const w = addWorktreeJob('wt000003');
    writeFileSync(join(w.path, 'readme.txt'), 'from the agent\n');
    writeFileSync(join(repo, 'readme.txt'), 'from the user\n');
    git(repo, 'commit', '-q', '-am', 'user edit');
    const main = git(repo, 'rev-parse', 'main');
    await openJob('wt000003');
    await press('d', 'M');
    await until('the question', (x) => x.includes('[y/n]'));
    await press('y');
    await until('the conflict', (x) => x.includes('nothing was changed. Conflicts in: readme.txt'));
    expect(git(repo, 'rev-parse', 'main')).toBe(main);
  });

  it('a job without a worktree gets a one-line hint, and M says why it cannot merge', async () => {
    addJob('plain001', null);
    await openJob('plain001');
    await press('d');
    await until('the hint', (x) => x.includes('started without --worktree'));
    await press('M');
    await until('the reason', (x) => x.includes('plain001 was started without --worktree'));
  });

  it('shows a failing git diff as one line and keeps going', async () => {
    const w = addWorktreeJob('wt000004');
    // The folder and the branch gone: there is nothing left to diff.
    git(repo, 'worktree', 'remove', '--force', w.path);
    git(repo, 'branch', '-D', w.branch);
    await openJob('wt000004');
    await press('d');
    await until('the error', (x) =>
      x.includes(`worktree ${w.path} and branch ${w.branch} are gone`),
    );
    await press('\x1b');
    await until('the live screen', (x) => x.includes('timeline'));
  });
});
