import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import { CcAgentError, type ErrorCode } from '../errors.js';
import { findJob } from '../jobs/lookup.js';
import { DOWN_MS, isUp } from './heartbeat.js';

/** What one host's engine does for another on a job it runs (execute.ts does it). */
export type RemoteOp =
  | 'send'
  | 'capture'
  | 'kill'
  | 'resume'
  | 'clear'
  | 'answer'
  /** A browser terminal's keystrokes, its pane's size, and a resize. */
  | 'input'
  | 'size'
  | 'resize';

/** How long a caller waits for the owning host's answer. */
export const ANSWER_MS = 4_000;

/**
 * Do `op` on job `id` here if this host runs it, else ask the host that does: a command row its
 * engine picks up (woken by LISTEN), runs once (claimed by id) and answers. A host that is
 * down (no heartbeat) is refused at once; one that does not answer in time, after ANSWER_MS.
 */
export async function onHost<T>(
  ctx: EngineContext,
  id: string,
  op: RemoteOp,
  args: readonly unknown[],
  local: () => Promise<T>,
): Promise<T> {
  // One host's store: nothing to look up, every job is here.
  if (!ctx.jobs.host.shared) return local();
  const row = findJob(ctx, id);
  if (!ctx.jobs.elsewhere(row)) return local();
  const host = row.host as string;
  const beat = ctx.store.hosts.get(host)?.heartbeat_at;
  if (!isUp(beat, ctx.now()))
    throw new CcAgentError(
      'not_running',
      `job ${row.id} runs on host ${host}, which is down (${beat === undefined ? 'no engine has run there' : `no heartbeat for ${Math.round((ctx.now() - beat) / 1000)} s`}; over ${DOWN_MS / 1000} s is down): start cc-agent pulse there`,
    );
  const cid = randomBytes(8).toString('hex');
  ctx.store.hosts.addCommand({
    id: cid,
    host,
    job_id: row.id,
    op,
    args: JSON.stringify(args),
    created_at: ctx.now(),
  });
  const deadline = Date.now() + ANSWER_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 25)) {
    const c = ctx.store.hosts.command(cid);
    if (c?.status === 'done') return (c.result === null ? undefined : JSON.parse(c.result)) as T;
    if (c?.status === 'failed') throw answered(c.error ?? 'failed');
    if (Date.now() > deadline && ctx.store.hosts.withdraw(cid))
      throw new CcAgentError(
        'timeout',
        `host ${host} did not answer within ${ANSWER_MS / 1000} s (${op} ${row.id}); is its engine running? (cc-agent hosts)`,
      );
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** The owning host's error, as if it had happened here ("code: message" as it sent it). */
function answered(error: string): CcAgentError {
  const m = /^([a-z_]+): ([\s\S]*)$/.exec(error);
  return new CcAgentError((m?.[1] as ErrorCode | undefined) ?? 'refused', m?.[2] ?? error);
}
