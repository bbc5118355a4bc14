import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { CcAgentError } from './errors.js';
import type { EngineContext } from './context.js';
import { describeFault } from './faults.js';
import { EngineEvents } from './events/emitter.js';
import { jobAnnouncer } from './jobs/announce.js';
import { pathsFor, resolveHome } from './paths.js';
import { privateUmask, tightenHome } from './private-home.js';
import { realRunner, type ProcessRunner } from './process/runner.js';
import { openDb, type Db } from './store/db.js';
import { JobsRepo } from './store/jobs-repo.js';
import { sqliteStore } from './store/sqlite-store.js';
import { openPg } from './store/pg/pg-open.js';
import { pgStore } from './store/pg/pg-store.js';
import type { Store } from './store/repositories.js';
import { pgWorkerFile } from './context.js';
import { storeUrl } from './store/pg/store-url.js';
import { Tmux } from './tmux/tmux.js';

export interface EngineOptions {
  /** CC_AGENT_HOME; defaults from env, then ~/.cc-agent. */
  home?: string;
  env?: NodeJS.ProcessEnv;
  runner?: ProcessRunner;
  now?: () => number;
}

/**
 * What every engine module works on: the home made private, the store open, one Tmux per
 * socket, and the announcer that tells the faces of every write to a job.
 */
export function createContext(options: EngineOptions): EngineContext {
  const env = options.env ?? process.env;
  const paths = pathsFor(options.home ?? resolveHome(env));
  privateUmask();
  const events = new EngineEvents();
  // Many hosts share one PostgreSQL store; one host keeps its own SQLite file.
  let url: string | undefined;
  let db: Db;
  let store: Store;
  try {
    url = storeUrl(env, paths);
    tightenHome(paths.home, paths.db);
    mkdirSync(paths.jobsDir, { recursive: true });
    if (url) {
      const pg = openPg(
        url,
        pgWorkerFile,
        env['CC_AGENT_DATABASE_URL'] ? undefined : paths.storeUrl,
      );
      db = pg;
      store = pgStore(pg, events);
    } else {
      const sqlite = openDb(paths.db);
      db = sqlite;
      store = sqliteStore(sqlite, events);
    }
  } catch (e) {
    // A read-only home, a full disk, a damaged store: one line naming the path, for every face.
    throw describeFault(e, paths.home) ?? e;
  }
  const runner = options.runner ?? realRunner;
  // Every write to a job is announced, by its writer or, failing that, by the repository.
  const announcer = jobAnnouncer(paths, events, (id) => (db.open ? jobs.get(id) : undefined));
  const jobs = new JobsRepo(db, announcer.onWrite, { id: hostId(env), shared: url !== undefined });
  const socket = env['CC_AGENT_TMUX_SOCKET'] || undefined;
  const servers = new Map<string, Tmux>();
  const ctx: EngineContext = {
    paths,
    db,
    jobs,
    store,
    runner,
    env,
    events,
    now: options.now ?? Date.now,
    defaultSocket: socket,
    tmux(s) {
      const key = s ?? '';
      let t = servers.get(key);
      if (!t) servers.set(key, (t = new Tmux(runner, s ?? undefined)));
      return t;
    },
    saved: announcer.saved,
  };
  return ctx;
}

/** This host's name in a shared store: CC_AGENT_HOST_ID, else the machine's hostname. */
export function hostId(env: NodeJS.ProcessEnv): string {
  const id = env['CC_AGENT_HOST_ID'] || hostname();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(id))
    throw new CcAgentError(
      'bad_input',
      `invalid CC_AGENT_HOST_ID '${id}' (letters, digits, dot, dash, underscore; at most 63)`,
    );
  return id;
}
