export const BACKENDS = ['claude', 'codex', 'demo'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const SANDBOXES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export type Sandbox = (typeof SANDBOXES)[number];

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof EFFORTS)[number];

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'killed';
export type Activity = 'starting' | 'working' | 'waiting' | 'idle' | 'needs_permission' | 'blocked';

/** The public shape of a job: what `jobs --json`, the JSON mirror and every face see. */
export interface Job {
  id: string;
  kind: 'worker' | 'orchestrator';
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
