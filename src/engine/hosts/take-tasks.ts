import type { EngineContext } from '../context.js';
import { finishTask } from '../queue/queue.js';
import { getTextSetting } from '../store/text-settings.js';
import { finishJob } from '../jobs/finish.js';
import { startJob } from '../jobs/start.js';
import { DOWN_MS, isUp, maxAgents } from './heartbeat.js';

/** What a task's worker is while its host starts it: the task names the host, not yet a job. */
const placeholder = (host: string): string => `@${host}`;

/** After this long without its host's heartbeat, a host's tasks go back to the queue. */
export const TASK_LEASE_MS = 3 * DOWN_MS;

/**
 * Many hosts working one queue without an orchestrator agent: a host with a capacity
 * (CC_AGENT_MAX_AGENTS or host.max_agents) starts a worker agent per ready task while it runs
 * fewer agents than that. Each claim is atomic across hosts (FOR UPDATE SKIP LOCKED on
 * PostgreSQL), so a task runs once. Returns the tasks it started.
 */
export async function takeTasks(ctx: EngineContext, cwd: string): Promise<string[]> {
  const cap = maxAgents(ctx);
  if (!cap) return [];
  const host = ctx.jobs.host.id;
  const running = ctx.jobs.list(['pending', 'running']).length;
  const claimed = [];
  for (let free = cap - running; free > 0; free--) {
    const task = ctx.store.queue.claimNext(placeholder(host), ctx.now());
    if (!task) break;
    claimed.push(task);
  }
  // Started side by side: an agent takes a second or two to come up, and a host that filled
  // its places one by one would take that many seconds.
  const started: string[] = [];
  await Promise.all(
    claimed.map(async (task) => {
      try {
        const job = await startJob(ctx, {
          prompt: task.prompt,
          agent: getTextSetting(ctx, 'queue.agent') ?? undefined,
          budget: task.budgetUsd ?? undefined,
          cwd,
        });
        ctx.store.queue.assign(task.id, job.id);
        started.push(task.id);
      } catch (e) {
        finishTask(ctx, task.id, {
          status: 'failed',
          text: `could not start: ${(e as Error).message}`,
        });
      }
    }),
  );
  return started;
}

/**
 * A host's own workers' tasks end with their turn: done once the worker waits with its answer
 * (the answer is the result), and the worker is retired (its session closed: capacity back);
 * failed when it died or was killed first. Returns the tasks it ended.
 */
export async function settleTasks(ctx: EngineContext): Promise<string[]> {
  const ended: string[] = [];
  for (const task of ctx.store.queue.list('running')) {
    const job = task.jobId ? ctx.jobs.get(task.jobId) : undefined;
    if (!job || job.kind !== 'worker' || job.parent_id !== null || ctx.jobs.elsewhere(job))
      continue;
    if (job.status === 'running' && IDLE.has(job.activity ?? '') && job.summary !== null) {
      finishTask(ctx, task.id, { status: 'done', text: job.summary });
      finishJob(ctx, job, { exitCode: 0 });
      await ctx.tmux(job.tmux_socket).killSession(job.tmux_session);
    } else if (job.status === 'completed') {
      finishTask(ctx, task.id, { status: 'done', text: job.summary ?? undefined });
    } else if (job.status === 'failed' || job.status === 'killed') {
      finishTask(ctx, task.id, { status: 'failed', text: job.error ?? job.status });
    } else continue;
    ended.push(task.id);
  }
  return ended;
}

/** A worker at its prompt again: its turn, the task, is over. */
const IDLE = new Set(['waiting', 'idle']);

/**
 * A host that died mid-task: once it has been silent for TASK_LEASE_MS, the tasks it holds
 * (its workers', or one it was starting) go back to the queue for another host.
 */
export function releaseLostTasks(ctx: EngineContext): string[] {
  const now = ctx.now();
  const beats = new Map(ctx.store.hosts.list().map((h) => [h.id, h.heartbeat_at]));
  const released: string[] = [];
  for (const task of ctx.store.queue.list('running')) {
    if (!task.jobId) continue;
    const host = task.jobId.startsWith('@')
      ? task.jobId.slice(1)
      : (ctx.jobs.get(task.jobId)?.host ?? undefined);
    if (!host || host === ctx.jobs.host.id || !beats.has(host)) continue;
    const beat = beats.get(host) as number;
    if (isUp(beat, now) || now - beat < TASK_LEASE_MS) continue;
    released.push(...ctx.store.queue.release(task.jobId));
  }
  return released;
}
