export const BACKENDS = ['claude', 'codex', 'gemini', 'demo'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const SANDBOXES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type Sandbox = (typeof SANDBOXES)[number];

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof EFFORTS)[number];

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'killed';
/**
 * What a live agent is doing. `waiting`: its turn ended and nobody has looked yet; `idle`: at
 * the prompt and seen. `needs_permission` and `blocked` wait on a human (a tool permission; a
 * dialog such as folder trust).
 */
export type Activity =
  'starting' | 'working' | 'waiting' | 'idle' | 'needs_permission' | 'blocked' | 'rate_limited';

/** The specifics of an activity, e.g. which tool asks for permission and with what input. */
export interface ActivityDetail {
  /** Human words for the TUI and `jobs`, e.g. "Using Edit…". */
  label?: string;
  tool?: string;
  input?: unknown;
  /** blocked: which dialog, and what it asks. */
  dialog?: 'trust' | 'permission' | 'other';
  question?: string;
  /** working: background tasks still running after the turn ended. */
  background?: number;
  error?: string;
  /** PreCompact's trigger (manual/auto) while compacting. */
  compact?: string;
  interrupted?: boolean;
  /** rate_limited: when the plan's usage limit resets (epoch ms), when the agent said. */
  limitResetAt?: number;
}

/** The git worktree an agent runs in (`start --worktree`): its own branch, forked from a base. */
export interface Worktree {
  /** Top of the repository the worktree belongs to (its main working tree). */
  repo: string;
  /** The worktree's own directory. */
  path: string;
  /** `cc-agent/<id>`. */
  branch: string;
  /** The commit it forked from: what `diff` compares against. */
  base: string;
  /** What `--base` named (or the branch checked out then): where `merge` brings the work. */
  baseRef: string;
}

/** The public shape of a job: what `jobs --json`, the JSON mirror and every face see. */
export interface Job {
  id: string;
  kind: 'worker' | 'orchestrator';
  /** The agent that started this one, e.g. `orch` for the orchestrator's workers. */
  parentId: string | null;
  /** The host whose engine supervises it (CC_AGENT_HOST_ID); null for jobs from before hosts. */
  host: string | null;
  /** Set when the agent runs in its own git worktree. */
  worktree: Worktree | null;
  backend: BackendName;
  model: string | null;
  effort: Effort | null;
  sandbox: Sandbox;
  dir: string;
  promptPreview: string;
  promptBytes: number;
  sessionId: string | null;
  tmuxSession: string;
  tmuxSocket: string | null;
  status: JobStatus;
  activity: Activity | null;
  activityDetail: ActivityDetail | null;
  lastEventAt: string | null;
  seenAt: string | null;
  tokens: { input: number; output: number; cacheRead: number; cacheCreation: number };
  costUsd: number;
  /** Context window used, as Claude Code computes it; null until the first reply. */
  contextPct: number | null;
  toolCalls: number;
  primaryTool: string | null;
  filesModified: string[];
  messages: number;
  /** USD it may spend (`start --budget`); null: no budget of its own. */
  budgetUsd: number | null;
  /** When its cost reached the budget and it was interrupted; null: not (yet). */
  budgetReachedAt: string | null;
  exitCode: number | null;
  error: string | null;
  argv: string[];
  stripAnsi: boolean;
  files: string[];
  summary: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  updatedAt: string;
}

export const ACTIVE_STATUSES: readonly JobStatus[] = ['pending', 'running'];
export const isActive = (s: JobStatus): boolean => ACTIVE_STATUSES.includes(s);
