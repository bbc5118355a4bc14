import { watch } from 'node:fs';
import { useEffect, useState } from 'react';
import type { Engine } from '../../engine/index.js';

const THROTTLE_MS = 100;
/** How often another host's agent's screen is fetched while it is shown. */
const REMOTE_MS = 1000;

/**
 * The agent's screen as tmux renders it (colours kept), re-captured only when its log grows:
 * one tmux call per change of the one job on screen, at most every 100 ms, none while idle.
 */
export function useScreen(engine: Engine, jobId: string, lines: number): string {
  const [screen, setScreen] = useState('');
  useEffect(() => {
    let stopped = false;
    let busy = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;
    const capture = async (): Promise<void> => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        const text = await engine.capture(jobId, lines, { ansi: true });
        if (!stopped) setScreen(text);
      } catch (e) {
        if (!stopped) setScreen(`(no screen: ${(e as Error).message})`);
      } finally {
        busy = false;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = (): void => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void capture();
      }, THROTTLE_MS);
    };
    void capture();
    let watcher: ReturnType<typeof watch> | undefined;
    try {
      watcher = watch(engine.paths.log(jobId), schedule);
    } catch {
      // No log (yet): the job's events still refresh the screen below.
    }
    const off = engine.events.on('hook_event', (e) => {
      if (e.jobId === jobId) schedule();
    });
    // Another host's agent: no log here and no events of its own reach this engine; its
    // owner captures it on request (a command row through the shared store, ~0.1 s), once a
    // second while it is on screen.
    let poll: NodeJS.Timeout | undefined;
    if (engine.hosts.shared)
      void engine
        .get(jobId)
        .then((j) => {
          if (!stopped && engine.hosts.elsewhere(j)) poll = setInterval(schedule, REMOTE_MS);
        })
        .catch(() => undefined);
    return () => {
      stopped = true;
      watcher?.close();
      off();
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
    };
  }, [engine, jobId, lines]);
  return screen;
}
