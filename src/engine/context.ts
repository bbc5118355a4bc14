import { fileURLToPath } from 'node:url';
import type { EngineEvents } from './events/emitter.js';
import type { Paths } from './paths.js';
import type { ProcessRunner } from './process/runner.js';
import type { Db } from './store/db.js';
import type { JobsRepo } from './store/jobs-repo.js';
import type { Store } from './store/repositories.js';
import type { Job } from './store/job-types.js';
import { Tmux } from './tmux/tmux.js';

/**
 * Files shipped beside the engine: the hook relay, the pane wrapper, the simulated agent. All
 * resolved here, at the engine's top level, so they stay right when the engine is bundled into
 * one file (dist/engine/index.js, at this same depth).
 */
export const relayScript = fileURLToPath(new URL('../../hooks/relay-event.sh', import.meta.url));
export const wrapperScript = fileURLToPath(new URL('../../libexec/run-agent.sh', import.meta.url));
/** Holds a `cc-agent` shim for the agents cc-agent starts (first on the orchestrator's PATH). */
export const shimDir = fileURLToPath(new URL('../../libexec/bin', import.meta.url));
/** The simulated agent ships inside the package: dist/demo-agent/main.js. */
export const demoAgentMain = fileURLToPath(new URL('../demo-agent/main.js', import.meta.url));
/**
 * The PostgreSQL client's worker thread, as built (a worker loads a file): the same file from
 * the bundle and from the sources under test, so tests need the build (npm test builds first).
 */
export const pgWorkerFile = fileURLToPath(
  new URL('../../dist/engine/store/pg/worker.js', import.meta.url),
);

/** What every engine operation needs; built once by createEngine. */
export interface EngineContext {
  paths: Paths;
  db: Db;
  jobs: JobsRepo;
  /** Every other table's repository (store/repositories.ts); each announces its writes. */
  store: Store;
  runner: ProcessRunner;
  env: NodeJS.ProcessEnv;
  events: EngineEvents;
  now(): number;
  /** Socket new jobs are started on (CC_AGENT_TMUX_SOCKET; undefined = the user's server). */
  defaultSocket: string | undefined;
  /** The tmux server a job lives on: the socket it was started with, not today's env. */
  tmux(socket: string | null | undefined): Tmux;
  /**
   * Re-read a job, rewrite its JSON mirror and tell subscribers, now. A change not announced
   * this way is announced by the jobs repository once the current piece of work ends
   * (jobs/announce.ts); call this to announce at once, or as created.
   */
  saved(id: string, event?: 'job_created' | 'job_updated'): Job;
}
