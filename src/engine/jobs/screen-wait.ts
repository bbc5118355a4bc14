import { CcAgentError } from '../errors.js';
import type { ScreenPatterns } from '../agents/types.js';
import type { Tmux } from '../tmux/tmux.js';

export type ScreenState = 'ready' | 'busy' | 'trust' | 'permission' | 'usage' | 'unknown';

/** Classify a captured screen with a backend's patterns; dialogs win over the input box. */
export function screenState(screen: string, p: ScreenPatterns): ScreenState {
  if (p.trust.test(screen)) return 'trust';
  if (p.permission.test(screen)) return 'permission';
  if (p.usage.test(screen)) return 'usage';
  if (p.busy.test(screen)) return 'busy';
  if (p.ready.test(screen)) return 'ready';
  return 'unknown';
}

export interface WaitOptions {
  timeoutMs: number;
  /** Said in the timeout error: "waiting for <what>". */
  what: string;
  intervalMs?: number;
}

/**
 * Wait until the rendered screen satisfies `done`: the agent's readiness signal, checked each
 * ~25 ms, never a fixed sleep. Fails fast if the agent's pane dies meanwhile.
 */
export async function waitForScreen(
  tmux: Tmux,
  session: string,
  done: (screen: string) => boolean,
  options: WaitOptions,
): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 25;
  for (let polls = 0; ; polls++) {
    const screen = await tmux.capture(session).catch(() => undefined);
    if (screen === undefined) {
      throw new CcAgentError('not_running', `agent session ${session} is gone (${options.what})`);
    }
    if (done(screen)) return screen;
    // The pane's state costs a tmux call; look only now and then.
    if (polls % 8 === 7) {
      const pane = await tmux.paneState(session);
      if (!pane || pane.dead) {
        throw new CcAgentError(
          'not_running',
          `agent exited${pane?.exitStatus !== undefined ? ` with status ${pane.exitStatus}` : ''} while ${options.what}`,
        );
      }
    }
    if (Date.now() >= deadline) {
      throw new CcAgentError('timeout', `timed out after ${options.timeoutMs} ms ${options.what}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
