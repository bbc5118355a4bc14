import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/** Every file cc-agent owns, derived from one home directory (CC_AGENT_HOME). */
export interface Paths {
  home: string;
  db: string;
  /** The shared store's PostgreSQL URL when set with `settings store.url` (0600: a password). */
  storeUrl: string;
  jobsDir: string;
  spoolDir: string;
  quarantineDir: string;
  tmpDir: string;
  prompt(id: string): string;
  log(id: string): string;
  mirror(id: string): string;
  exitFile(id: string): string;
  settings(id: string): string;
  /** The detached pulse (`cc-agent pulse start`): its pid and its log. */
  pulsePid: string;
  pulseLog: string;
  /** What the orchestrator needs to resume after a clear or a respawn (guide §7). */
  orchestratorState: string;
  /** The server's token (the only file that holds it), its state (pid, bare URL) and log. */
  serverToken: string;
  serveState: string;
  serveLog: string;
  /** setup-hooks' records: the original settings bytes and what was written. */
  hookInstalls: string;
  /** The TUI's background errors (never on its screen). */
  tuiLog: string;
  /** `cc-agent demo`'s folder: the user's work, not cc-agent's (left at the user's modes). */
  demoWorkspace: string;
  /** The simulated agent's CLAUDE_CONFIG_DIR: never the user's ~/.claude. */
  demoClaude: string;
  /** One directory per leased file, made by the hook relay (leases/). */
  fileLeases: string;
  /** Present: every job's leases refuse (conflicts.mode = block), read by the relay. */
  fileLeasesBlockAll: string;
}

/**
 * Always absolute: the pane and its hook relay get this path and run in another folder. The
 * relay (hooks/relay-event.sh) resolves the same way: CC_AGENT_HOME, else $HOME, else passwd.
 */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CC_AGENT_HOME'];
  if (fromEnv && fromEnv.length > 0) return resolve(fromEnv);
  // os.homedir() is '' for HOME='' (and would make the home relative): fall back to passwd.
  return join(homedir() || userInfo().homedir, '.cc-agent');
}

export function pathsFor(home: string): Paths {
  const jobsDir = join(home, 'jobs');
  return {
    home,
    db: join(home, 'cc-agent.db'),
    storeUrl: join(home, 'store.url'),
    jobsDir,
    spoolDir: join(home, 'spool'),
    quarantineDir: join(home, 'spool', 'quarantine'),
    tmpDir: join(home, 'tmp'),
    prompt: (id) => join(jobsDir, `${id}.prompt`),
    log: (id) => join(jobsDir, `${id}.log`),
    mirror: (id) => join(jobsDir, `${id}.json`),
    exitFile: (id) => join(jobsDir, `${id}.exit`),
    settings: (id) => join(jobsDir, `${id}.settings.json`),
    pulsePid: join(home, 'pulse.pid'),
    pulseLog: join(home, 'pulse.log'),
    orchestratorState: join(home, 'orchestrator-state.json'),
    serverToken: join(home, 'server-token'),
    serveState: join(home, 'serve.json'),
    serveLog: join(home, 'serve.log'),
    hookInstalls: join(home, 'hook-installs'),
    tuiLog: join(home, 'tui.log'),
    demoWorkspace: join(home, 'demo-workspace'),
    demoClaude: join(home, 'demo-claude'),
    fileLeases: join(home, 'file-leases'),
    fileLeasesBlockAll: join(home, 'file-leases', '.block'),
  };
}
