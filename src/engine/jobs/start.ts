import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { CcAgentError, fieldError } from '../errors.js';
import { backendFor } from '../agents/registry.js';
import type { AgentBackend, LaunchSpec } from '../agents/types.js';
import { relayScript, wrapperScript, type EngineContext } from '../context.js';
import { which } from '../process/which.js';
import { removeJobFiles, writeAtomic } from '../store/job-files.js';
import type { BackendName, Job, Sandbox } from '../store/job-types.js';
import { isPrimaryKeyClash, newJobId, sessionName } from './new-id.js';
import { buildPrompt } from './prompt-builder.js';
import { ignoredFiles } from '../process/git.js';
import { deliverLargePrompt, ARGV_PROMPT_LIMIT } from './prompt-delivery.js';
import { validDir, validEffort, validModel, validSandbox, validText } from './validate.js';
import { newHookKey } from '../events/authentic.js';
import { addWorktree, planWorktree, type WorktreePlan } from '../worktrees/create.js';
import { removeWorktree } from '../worktrees/remove.js';
import { refuseOverDailyBudget } from '../budget/daily.js';
import { parseBudgetUsd } from '../budget/rules.js';
import { leaseEnv } from '../leases/launch-env.js';
import { agentEnv } from '../agents/agent-env.js';
import { setupFor } from '../insights/insights.js';

export interface StartOptions {
  prompt: string;
  agent?: string;
  model?: string;
  reasoning?: string;
  sandbox?: string;
  dir?: string;
  files?: readonly string[];
  map?: boolean;
  stripAnsi?: boolean;
  cwd: string;
  /** Tool rules the agent runs without asking (claude and the simulated agent). */
  allowTools?: readonly string[];
  /** The job that asked for this one (CC_AGENT_JOB_ID of the caller): the orchestrator's workers. */
  parent?: string;
  /**
   * Run in a new git worktree on branch `cc-agent/<id>`: `true` names it after the job, a string
   * names it (`--worktree [name]`).
   */
  worktree?: boolean | string;
  /** What the worktree branches from (`--base`; HEAD when left out). Only with `worktree`. */
  base?: string;
  /** USD it may spend before it is interrupted (`--budget`), as typed. */
  budget?: string | number;
  /** Its file leases refuse other agents' edits, and it is refused theirs. */
  exclusiveFiles?: boolean;
  /** No -m/-r given: take what history recommends for this kind of task (insights/). */
  auto?: boolean;
}

/** A job with a fixed identity instead of a fresh hex id: the orchestrator. */
export interface FixedIdentity {
  id: string;
  kind: 'orchestrator';
  /** Added to (and overriding) the session's environment. */
  env?: Record<string, string>;
}

export interface LaunchPlan {
  prompt: string;
  files: string[];
  dir: string;
  /** Exactly what the agent is exec'd with; the prompt is the last element. */
  argv: string[];
  env: Record<string, string>;
  /** 'argv' = one argument at launch; 'paste' = bracketed paste once the agent is ready. */
  delivery: 'argv' | 'paste';
  /** The agent CLI was found on PATH (a dry run plans even when it is not). */
  installed: boolean;
  spec: LaunchSpec;
  backend: BackendName;
  sandbox: Sandbox;
  /** The worktree the agent runs in (`dir` is in it), made by `start`, not by planning. */
  worktree: WorktreePlan | undefined;
  /** `--budget`, checked; null: none given. */
  budgetUsd: number | null;
  /** `--auto`: the kind of task and what history picked for it (null: no history yet). */
  auto?: { kind: string; model: string | null; effort: string | null } | null;
}

/** Why an agent cannot be launched: its CLI is not on PATH, and how to install it. */
export const agentMissing = (backend: AgentBackend, spec: LaunchSpec): string =>
  `${backend.name} CLI '${spec.program}' is not installed or not on PATH; install it (${backend.installHint})`;

/** Validate everything and work out the launch; creates nothing. `--dry-run` stops here. */
export async function planStart(
  ctx: EngineContext,
  o: StartOptions,
  jobId = 'dry-run',
  requireProgram = true,
): Promise<LaunchPlan> {
  if (o.prompt.trim() === '') throw new CcAgentError('bad_input', 'the prompt is empty');
  validText(o.prompt, 'the prompt');
  const backend = backendFor(o.agent ?? 'claude');
  const sandbox = validSandbox(o.sandbox);
  const picked =
    o.auto && o.model === undefined && o.reasoning === undefined
      ? (setupFor(ctx, o.prompt, sandbox) ?? null)
      : undefined;
  const effort = validEffort(o.reasoning ?? picked?.effort ?? undefined);
  const model = validModel(o.model ?? picked?.model ?? undefined);
  const budgetUsd = o.budget === undefined ? null : parseBudgetUsd(o.budget);
  const promptDir = validDir(o.dir, o.cwd);
  const built = await buildPrompt(
    { prompt: o.prompt, dir: promptDir, files: o.files, map: o.map },
    (dir, files) => ignoredFiles(ctx, dir, files),
  );
  if (o.base !== undefined && !o.worktree) throw fieldError('base', (n) => `${n} needs --worktree`);
  const worktree = o.worktree
    ? await planWorktree(ctx, promptDir, jobId, {
        name: typeof o.worktree === 'string' ? o.worktree : undefined,
        base: o.base,
      })
    : undefined;
  // The agent runs in its worktree; the prompt's files and map come from the folder given.
  const dir = worktree?.runDir ?? promptDir;
  const sessionId = randomUUID();
  const spec = backend.launch({
    jobId,
    home: ctx.paths.home,
    dir,
    model,
    effort,
    sandbox,
    sessionId,
    settingsFile: ctx.paths.settings(jobId),
    relayScript,
    allowTools: o.allowTools,
  });
  const found = which(spec.program, ctx.env['PATH']);
  if (!found && requireProgram) {
    throw new CcAgentError('agent_missing', `${agentMissing(backend, spec)} or use --agent demo`);
  }
  const program = found ?? spec.program;
  // `--` ends the options; a flag's value (gemini's -i) must not look like a flag itself.
  const promptFlag = backend.promptFlag ?? '--';
  const fitsArgv =
    Buffer.byteLength(built.text) <= ARGV_PROMPT_LIMIT &&
    (promptFlag === '--' || !built.text.startsWith('-'));
  const delivery = fitsArgv ? 'argv' : 'paste';
  const argv = [program, ...spec.args, ...(delivery === 'argv' ? [promptFlag, built.text] : [])];
  const { text: prompt, files } = built;
  return {
    prompt,
    files,
    dir,
    argv,
    env: spec.env,
    delivery,
    installed: found !== undefined,
    spec,
    backend: backend.name,
    sandbox,
    worktree,
    budgetUsd,
    ...(picked !== undefined ? { auto: picked } : {}),
  };
}

/**
 * Start an agent in its own tmux session. Validation happens before anything is written; if
 * tmux fails the job row and files are removed again, so a failed start leaves nothing behind.
 */
export async function startJob(
  ctx: EngineContext,
  o: StartOptions,
  fixed?: FixedIdentity,
): Promise<Job> {
  // The orchestrator itself is kept alive (it gets no tasks while the queue pauses).
  if (!fixed) refuseOverDailyBudget(ctx);
  for (;;) {
    const id = fixed?.id ?? newJobId(ctx.jobs);
    const plan = await planStart(ctx, o, id);
    if (fixed?.env) plan.env = { ...plan.env, ...fixed.env };
    const now = ctx.now();
    const parent = o.parent && ctx.jobs.get(o.parent) ? o.parent : null;
    const budget = plan.budgetUsd ?? (parent ? taskBudgetOf(ctx, parent) : null);
    try {
      ctx.jobs.insert({
        id,
        kind: fixed?.kind ?? 'worker',
        parent_id: parent,
        budget_usd: budget,
        exclusive_files: o.exclusiveFiles ? 1 : 0,
        worktree: plan.worktree ? JSON.stringify(plan.worktree.worktree) : null,
        backend: plan.backend,
        model: plan.spec.model,
        effort: plan.spec.effort,
        sandbox: plan.sandbox,
        dir: plan.dir,
        prompt_preview: firstLine(o.prompt),
        prompt_bytes: Buffer.byteLength(plan.prompt),
        session_id: plan.spec.sessionId,
        hook_key: newHookKey(),
        tmux_session: sessionName(id),
        tmux_socket: ctx.defaultSocket ?? null,
        status: 'pending',
        activity: 'starting',
        exit_code: null,
        error: null,
        argv: JSON.stringify(plan.delivery === 'argv' ? plan.argv.slice(0, -1) : plan.argv),
        strip_ansi: o.stripAnsi ? 1 : 0,
        files: JSON.stringify(plan.files),
        summary: null,
        created_at: now,
        started_at: null,
        ended_at: null,
        updated_at: now,
      });
    } catch (e) {
      if (isPrimaryKeyClash(e)) {
        if (!fixed) continue; // a parallel start drew the same id first
        throw new CcAgentError('blocked', `job ${id} already exists`);
      }
      throw e;
    }
    // Made only once the id is ours; removed again only if it was made here.
    let added = false;
    try {
      if (plan.worktree) {
        await addWorktree(ctx, plan.worktree);
        added = true;
      }
      await launch(ctx, id, plan);
      return ctx.saved(id, 'job_created');
    } catch (e) {
      await ctx
        .tmux(ctx.defaultSocket)
        .killSession(sessionName(id))
        .catch(() => false);
      ctx.jobs.delete(id);
      removeJobFiles(ctx.paths, id);
      if (added && plan.worktree) {
        await removeWorktree(ctx, plan.worktree.worktree).catch(() => undefined);
      }
      throw e;
    }
  }
}

async function launch(ctx: EngineContext, id: string, plan: LaunchPlan): Promise<void> {
  const { paths } = ctx;
  mkdirSync(paths.spoolDir, { recursive: true });
  writeAtomic(paths.prompt(id), plan.prompt);
  if (plan.spec.settings)
    writeAtomic(paths.settings(id), JSON.stringify(plan.spec.settings, null, 2));
  const [program, ...rest] = plan.argv as [string, ...string[]];
  const agentArgs = plan.delivery === 'argv' ? rest.slice(0, -1) : rest; // prompt comes from the file
  await openSession(ctx, id, {
    dir: plan.dir,
    argv: [program, ...agentArgs],
    env: plan.env,
    promptFile: plan.delivery === 'argv' ? paths.prompt(id) : '',
  });
  ctx.jobs.update(id, {
    status: 'running',
    started_at: ctx.now(),
    updated_at: ctx.now(),
  });
  if (plan.delivery === 'paste') {
    await deliverLargePrompt(ctx, id, plan.prompt);
  }
}

/**
 * The job's tmux session: the pane wrapper (which records how the agent ends) running the
 * agent's argv in `dir`, its output logged. `promptFile` '' = no prompt argument.
 */
export async function openSession(
  ctx: EngineContext,
  id: string,
  o: { dir: string; argv: readonly string[]; env: Record<string, string>; promptFile: string },
): Promise<void> {
  const [program, ...args] = o.argv as [string, ...string[]];
  const leases = await leaseEnv(ctx, o.dir, ctx.jobs.get(id)?.exclusive_files === 1);
  await ctx.tmux(ctx.defaultSocket).startSession({
    name: sessionName(id),
    cwd: o.dir,
    argv: ['/bin/sh', wrapperScript, ctx.paths.exitFile(id), o.promptFile, program, ...args],
    env: sessionEnv(ctx, id, hookKey(ctx, id), { ...o.env, ...leases }),
    logFile: ctx.paths.log(id),
  });
}

/** The job's launch key; a job from before keys existed gets one when it is resumed. */
function hookKey(ctx: EngineContext, id: string): string {
  const known = ctx.jobs.get(id)?.hook_key;
  if (known) return known;
  const key = newHookKey();
  ctx.jobs.update(id, { hook_key: key });
  return key;
}

/** What the agent (and so every hook it runs) inherits from cc-agent. */
function sessionEnv(
  ctx: EngineContext,
  id: string,
  key: string,
  extra: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {
    // A long-running tmux server may carry a stale PATH; hooks and agents need today's.
    PATH: ctx.env['PATH'] ?? '/usr/bin:/bin',
    // The caller's agent settings (API, config, proxies), not the tmux server's stale ones.
    ...agentEnv(ctx.env),
    ...extra,
    // Last, so nothing overrides them: the relay writes where this engine reads (absolute,
    // never left to the relay's own HOME guess), for this job, with this job's key alone.
    CC_AGENT_JOB_ID: id,
    CC_AGENT_HOME: ctx.paths.home,
    CC_AGENT_HOOK_KEY: key,
  };
  // The orchestrator runs cc-agent itself: it must reach the same tmux server.
  if (ctx.defaultSocket) env['CC_AGENT_TMUX_SOCKET'] = ctx.defaultSocket;
  return env;
}

/** The budget of the one task `parent` holds: its worker spends within it. */
function taskBudgetOf(ctx: EngineContext, parent: string): number | null {
  const held = ctx.store.queue.list('running').filter((t) => t.jobId === parent);
  return held.length === 1 ? (held[0]?.budgetUsd ?? null) : null;
}

const firstLine = (s: string): string => (s.trim().split('\n')[0] ?? '').slice(0, 200);
