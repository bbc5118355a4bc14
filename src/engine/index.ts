/** The engine's public entry: faces import from here and nowhere deeper. */
export { createEngine, Engine, type EngineOptions, type SessionReport } from './engine.js';
export { CcAgentError, fieldError, type ErrorCode } from './errors.js';
export { privateUmask, withUserUmask } from './private-home.js';
export {
  alive,
  pidFormat,
  readRunFile,
  runningState,
  serveFormat,
  type RunFormat,
  type ServeState,
} from './run-file.js';
export { describeFault } from './faults.js';
export {
  ENGINE_EVENTS,
  type EngineEventMap,
  type EngineEventName,
  type HookEventRecord,
} from './events/emitter.js';
export { healthWithoutStore, type HealthReport, type HealthCheck } from './health.js';
export { HOOK_EVENTS as RELAY_EVENTS } from './agents/claude-flags.js';
export { claudeSettingsPath } from './hooks/settings-file.js';
export { installHooks } from './hooks/install.js';
export { removeHooks } from './hooks/remove.js';
export type { HooksChange, HooksOptions } from './hooks/types.js';
export type { KillResult } from './jobs/kill.js';
export type { HostSummary } from './hosts/heartbeat.js';
export { parseDuration } from './jobs/remove.js';
export type { LaunchPlan, StartOptions } from './jobs/start.js';
export { lastLines } from './jobs/capture.js';
export { usageFigures, type UsageFigure } from './agents/usage-figures.js';
export { BACKENDS, EFFORTS, SANDBOXES, isActive } from './store/job-types.js';
export type {
  Activity,
  ActivityDetail,
  BackendName,
  Effort,
  Job,
  JobStatus,
  Sandbox,
  Worktree,
} from './store/job-types.js';
export { stripAnsi } from './jobs/strip-ansi.js';
export { DONE_MARKER, doneSummary } from './state/activity.js';
export { TASK_STATUSES, type Task, type TaskStatus, type QueueApi } from './queue/queue.js';
export { PREVIEW_CHARS, previewTask, type TaskPage, type TaskPreview } from './store/task-pages.js';
export type { TriggersApi } from './triggers/api.js';
export type { Trigger } from './triggers/store.js';
export type { Approval } from './triggers/approvals.js';
export type { ActivityEntry } from './store/activity.js';
export { ACTIONS, AUTONOMY, METRICS, OPERATORS, TRIGGER_KINDS } from './triggers/spec.js';
export type { PulseStatus } from './triggers/pulse-status.js';
export { describePulseWork, hasPulseWork, type PulseWork } from './triggers/pulse-work.js';
export type { Mode } from './triggers/modes.js';
export type { OrchestratorApi, OrchestratorStatus } from './orchestrator/api.js';
export type { OrchestratorState } from './orchestrator/state-file.js';
export type { Analytics } from './analytics.js';
export type { WorktreesApi } from './worktrees/api.js';
export type { WorktreeState } from './worktrees/state.js';
export type { MergeResult } from './worktrees/merge.js';
export type { ConflictReport, ConflictsApi, ReleaseTarget } from './leases/api.js';
export type { MergeForecast } from './leases/forecast.js';
export type { KindInsight, SetupFigures } from './insights/insights.js';
export type { FileConflict, FileLease } from './store/lease-types.js';
export type { CleanResult } from './jobs/remove.js';
export { logReader, sizeOf, type LogReader } from './jobs/log-reader.js';
export { JOB_STATUSES, WORKTREE_NAME } from './vocabulary.js';
export { oneOf } from './one-of.js';
export { usd, type DailyBudget } from './budget/rules.js';
export type { SplitApi, SplitOptions, SplitView } from './jobs/split.js';
export {
  SPLIT_LAYOUTS,
  SPLIT_PANES,
  type SplitLayout,
  type SplitPane,
} from './tmux/split-window.js';
