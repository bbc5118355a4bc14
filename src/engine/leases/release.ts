import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineContext } from '../context.js';
import { git } from '../process/git.js';
import { groupBy } from '../group-by.js';
import { LEASE_DIR } from './verdicts.js';
import { isActive } from '../store/job-types.js';
import type { FileLease } from '../store/lease-types.js';

/**
 * Remove lease directories, each only while it still names the expected holder (or any holder
 * when none is expected): a lease another job took over in the meantime stays.
 */
export function removeLeaseDirs(
  ctx: EngineContext,
  leases: readonly { dir: string; jobId?: string }[],
): void {
  for (const { dir, jobId } of leases) {
    if (!LEASE_DIR.test(dir)) continue;
    const path = join(ctx.paths.fileLeases, dir);
    if (jobId !== undefined && ownerOf(path) !== jobId) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

function ownerOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, 'owner'), 'utf8').split(' ')[0];
  } catch {
    return undefined;
  }
}

/**
 * Let go of these leases: the store's rows, and the relay's directories while they still name
 * the job the lease was recorded for.
 */
export function releaseLeases(
  ctx: EngineContext,
  leases: readonly { dir: string; jobId: string }[],
): number {
  if (leases.length === 0) return 0;
  ctx.store.fileLeases.release(
    leases.map((l) => l.dir),
    ctx.now(),
  );
  removeLeaseDirs(ctx, leases);
  return leases.length;
}

/**
 * Every job that is no longer live gives up its leases and its conflicts end. Cheap when there
 * is nothing to do (a read of the lease and open conflict rows); run when ingestion sees a job
 * end and on every check (refresh and the live engine).
 */
export function settleEndedJobs(ctx: EngineContext): void {
  const holders = new Set(ctx.store.fileLeases.leases().map((l) => l.jobId));
  for (const c of ctx.store.fileLeases.conflicts()) holders.add(c.jobId).add(c.holder);
  for (const id of holders) {
    const job = ctx.jobs.get(id);
    if (job && isActive(job.status)) continue;
    const dirs = ctx.store.fileLeases.settleJob(id, ctx.now());
    removeLeaseDirs(
      ctx,
      dirs.map((dir) => ({ dir, jobId: id })),
    );
  }
}

/** What each job's leases looked like when last checked against git, per engine. */
const checked = new WeakMap<EngineContext, Map<string, string>>();

/**
 * Jobs whose turn has ended (waiting or idle at the prompt) let go of the files they hold that
 * carry no uncommitted change any more (committed, or undone); the rest stay held. Outside git
 * nothing is known to be clean, so those leases stay until the job ends. Each job is checked
 * once per turn end and lease change (one git status), so an idle engine spawns nothing.
 */
export async function releaseAtTurnEnds(ctx: EngineContext): Promise<void> {
  const byJob = groupBy(ctx.store.fileLeases.leases(), (l) => l.jobId);
  let seen = checked.get(ctx);
  if (!seen) checked.set(ctx, (seen = new Map()));
  for (const id of seen.keys()) if (!byJob.has(id)) seen.delete(id);
  await Promise.all(
    [...byJob].map(async ([id, held]) => {
      const row = ctx.jobs.get(id);
      if (!row || (row.activity !== 'waiting' && row.activity !== 'idle')) return;
      const signature = `${row.activity_at}:${held.map((l) => l.lastAt).join(',')}`;
      if (seen.get(id) === signature) return;
      seen.set(id, signature);
      releaseLeases(ctx, await cleanOf(ctx, row.dir, held));
    }),
  );
}

/** The leases whose files git says carry no uncommitted change (none outside git). */
async function cleanOf(
  ctx: EngineContext,
  dir: string,
  held: readonly FileLease[],
): Promise<FileLease[]> {
  const top = await git(ctx, dir, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  if (top?.code !== 0) return [];
  const root = top.stdout.trim();
  const inside = held.filter((l) => l.path.startsWith(`${root}/`));
  if (inside.length === 0) return [];
  const args = ['status', '--porcelain=v1', '-z', '--no-renames', '--'];
  const r = await git(ctx, dir, [...args, ...inside.map((l) => l.path)]).catch(() => undefined);
  if (r?.code !== 0) return [];
  // -z: "XY path\0", paths relative to the top of the working tree.
  const dirty = new Set(
    r.stdout
      .split('\0')
      .filter((e) => e.length > 3)
      .map((e) => join(root, e.slice(3))),
  );
  return inside.filter((l) => !dirty.has(l.path));
}
