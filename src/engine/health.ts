import { allBackends } from './agents/registry.js';
import type { EngineContext } from './context.js';
import { CcAgentError } from './errors.js';
import { cannotWrite, describeFault, freeBytes } from './faults.js';
import { pathsFor, resolveHome, type Paths } from './paths.js';
import { realRunner, type ProcessRunner } from './process/runner.js';
import { which } from './process/which.js';
import type { HookEventsRepo, StoreInfo } from './store/repositories.js';
import { walDeleted } from './store/wal-state.js';
import { Tmux } from './tmux/tmux.js';

/** Less than this free under the home is reported: a store and agent logs grow. */
const HEALTHY_FREE_BYTES = 100 * 1024 * 1024;

export interface HealthCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** `warn`: not ok, but cc-agent works without it (an agent CLI you may not use). */
  level: 'ok' | 'warn' | 'fail';
}

export interface HealthReport {
  /** No check failed (warnings allowed): what the CLI's exit code says. */
  ok: boolean;
  checks: HealthCheck[];
}

/** One check as made, before it is graded. */
type Check = Omit<HealthCheck, 'level'>;

/** What cc-agent cannot work without; anything else that is not ok is a warning. */
const VITAL = ['tmux', 'home', 'store', 'disk'];

interface Deps {
  paths: Paths;
  env: NodeJS.ProcessEnv;
  runner: ProcessRunner;
  socket: string | undefined;
  /** The open store (what it says of itself, and its spool tallies), or why it could not open. */
  store: { info: StoreInfo; hookEvents: HookEventsRepo } | Error;
}

/** tmux, each agent CLI and its version, the home, free disk, the store and its integrity. */
export function health(ctx: EngineContext): Promise<HealthReport> {
  return diagnose({
    paths: ctx.paths,
    env: ctx.env,
    runner: ctx.runner,
    socket: ctx.defaultSocket,
    store: ctx.store,
  });
}

/**
 * The same report when no engine could be made (a read-only home, a full disk, a deleted
 * log): what is wrong with the home is what the user needs most then.
 */
export function healthWithoutStore(
  failure: Error,
  env: NodeJS.ProcessEnv = process.env,
): Promise<HealthReport> {
  return diagnose({
    paths: pathsFor(resolveHome(env)),
    env,
    runner: realRunner,
    socket: env['CC_AGENT_TMUX_SOCKET'] || undefined,
    store: failure,
  });
}

async function diagnose(d: Deps): Promise<HealthReport> {
  const made: Check[] = [await tmuxCheck(d), ...(await agentChecks(d))];
  made.push(homeCheck(d.paths), diskCheck(d.paths), storeCheck(d));
  const spool = spoolCheck(d);
  if (spool) made.push(spool);
  // An agent CLI that is absent is fine as long as tmux, the home, the store and one agent work
  // (the simulated agent always does).
  const checks = made.map((c): HealthCheck => ({
    ...c,
    level: c.ok ? 'ok' : VITAL.includes(c.name) ? 'fail' : 'warn',
  }));
  return { ok: checks.every((c) => c.level !== 'fail'), checks };
}

async function tmuxCheck(d: Deps): Promise<Check> {
  try {
    const where = d.socket ? ` (socket ${d.socket})` : '';
    return {
      name: 'tmux',
      ok: true,
      detail: `${await new Tmux(d.runner, d.socket).version()}${where}`,
    };
  } catch (e) {
    return { name: 'tmux', ok: false, detail: (e as Error).message };
  }
}

function agentChecks(d: Deps): Promise<Check[]> {
  return Promise.all(
    allBackends().map(async (b): Promise<Check> => {
      const path = which(b.programName, d.env['PATH']);
      if (!path) return { name: b.name, ok: false, detail: `not installed (${b.installHint})` };
      const r = await d.runner
        .run([path, ...b.versionArgs], { timeoutMs: 10_000 })
        .catch((e: Error) => ({ code: 1, stdout: '', stderr: e.message }));
      const version = (r.stdout || r.stderr).trim().split('\n')[0] ?? '';
      return { name: b.name, ok: r.code === 0, detail: `${version} (${path})` };
    }),
  );
}

/** A file can really be made there (a read-only mount, an immutable folder, no permission). */
function homeCheck(paths: Paths): Check {
  const why = cannotWrite(paths.home);
  return why === null
    ? { name: 'home', ok: true, detail: `${paths.home} (writable)` }
    : {
        name: 'home',
        ok: false,
        detail: `${paths.home} is not writable (${why}): remount it read-write, fix its permissions, or set CC_AGENT_HOME to a writable folder`,
      };
}

function diskCheck(paths: Paths): Check {
  const free = freeBytes(paths.home);
  if (free === null) return { name: 'disk', ok: false, detail: `cannot stat ${paths.home}` };
  const shown =
    free >= 1024 ** 3 ? `${(free / 1024 ** 3).toFixed(1)} GiB` : `${Math.floor(free / 1024)} KiB`;
  return free >= HEALTHY_FREE_BYTES
    ? { name: 'disk', ok: true, detail: `${shown} free under ${paths.home}` }
    : {
        name: 'disk',
        ok: false,
        detail: `only ${shown} free under ${paths.home}: free some space (df -h ${paths.home})`,
      };
}

/** Opens, has its log, and passes SQLite's quick_check. */
function storeCheck(d: Deps): Check {
  const file = d.paths.db;
  if (walDeleted(file)) {
    return {
      name: 'store',
      ok: false,
      detail: `${file}-wal was deleted while a cc-agent process held it: that process writes its changes back and stops within seconds`,
    };
  }
  if (d.store instanceof Error) return { name: 'store', ok: false, detail: d.store.message };
  try {
    const verdict = d.store.info.integrity();
    const jobs = d.store.info.jobCount();
    if (verdict !== 'ok')
      return { name: 'store', ok: false, detail: `${file} is damaged: ${verdict}` };
    return {
      name: 'store',
      ok: true,
      detail: `${file} (schema v${d.store.info.schemaVersion()}, ${jobs} jobs, integrity ok)`,
    };
  } catch (e) {
    const fault = describeFault(e, d.paths.home) ?? new CcAgentError('store', String(e));
    return { name: 'store', ok: false, detail: fault.message };
  }
}

/** Informational: what ingestion refused (spool entries) and kept without applying (events). */
function spoolCheck(d: Deps): Check | undefined {
  if (d.store instanceof Error) return undefined;
  try {
    const quarantined = d.store.hookEvents.counter('spool_quarantined');
    const orphans = d.store.hookEvents.counter('orphan_events');
    return {
      name: 'spool',
      ok: true,
      detail:
        `${quarantined} quarantined (in ${d.paths.quarantineDir}), ${orphans} orphan events ` +
        `(matched no session of their job; marked "orphan" in cc-agent events --json)`,
    };
  } catch {
    return undefined; // the store check already says what is wrong with it
  }
}
