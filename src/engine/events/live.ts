import type { FSWatcher } from 'chokidar';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { EngineContext } from '../context.js';
import { ingestSpool } from './ingest.js';

export interface Live {
  stop(): Promise<void>;
}

export interface LiveOptions {
  /** How often `tick` runs (the pulse: cron slots, thresholds, the lease). */
  tickMs?: number;
  /**
   * How often pane liveness and screens are checked on the tick (what no file event announces:
   * a session killed outside cc-agent, a dialog on screen). Default: every tick. An agent's
   * exit file triggers a check at once whatever this says.
   */
  checkMs?: number;
  /** Cheap work for every tick. */
  tick?(): Promise<void>;
  /** Pane liveness, screens: the engine's refresh minus ingestion. */
  check(): Promise<void>;
  onError?(e: unknown): void;
}

/**
 * Keep the store current while a long-running face (TUI, server, `events --follow`) runs.
 * Hook events are ingested the moment the relay renames a file into the spool (file-watch,
 * not polling); an agent's exit file triggers a check at once; a slow tick catches what no
 * file announces (a session killed outside cc-agent, a dialog on screen).
 */
export async function startLive(ctx: EngineContext, options: LiveOptions): Promise<Live> {
  mkdirSync(ctx.paths.spoolDir, { recursive: true });
  const fail = options.onError ?? (() => undefined);
  let ingestQueued = false;
  const ingest = (): void => {
    if (ingestQueued) return;
    ingestQueued = true;
    // Coalesce a burst of files into one batch (one transaction).
    setImmediate(() => {
      ingestQueued = false;
      try {
        ingestSpool(ctx);
      } catch (e) {
        fail(e);
      }
    });
  };
  let checking: Promise<void> | undefined;
  let checkAgain = false;
  let checkedAt = 0;
  const check = (): void => {
    checkedAt = Date.now();
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = options
      .check()
      .catch(fail)
      .finally(() => {
        checking = undefined;
        if (checkAgain) {
          checkAgain = false;
          check();
        }
      });
  };
  // Loaded here, not at the top: only long-lived engines watch, and a CLI call would pay ~10 ms.
  const { watch } = await import('chokidar');
  const spool = watch(ctx.paths.spoolDir, {
    depth: 0,
    ignoreInitial: true,
    ignored: (p: string) => p !== ctx.paths.spoolDir && !p.endsWith('.json'),
  }).on('add', ingest);
  const jobs = watch(ctx.paths.jobsDir, {
    depth: 0,
    ignoreInitial: true,
    ignored: (p: string) => p !== ctx.paths.jobsDir && !basename(p).endsWith('.exit'),
  }).on('add', check);
  await Promise.all([ready(spool), ready(jobs)]);
  ingest(); // whatever arrived before the watcher was up
  check();
  const tickMs = options.tickMs ?? 1000;
  const checkMs = options.checkMs ?? tickMs;
  let ticking = false;
  const timer = setInterval(() => {
    if (Date.now() - checkedAt >= checkMs - tickMs / 2) check();
    if (!options.tick || ticking) return;
    ticking = true;
    options
      .tick()
      .catch(fail)
      .finally(() => (ticking = false));
  }, tickMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([spool.close(), jobs.close()]);
      await checking;
    },
  };
}

const ready = (w: FSWatcher): Promise<void> => new Promise((r) => w.once('ready', () => r()));
