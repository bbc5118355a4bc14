import type { Activity, ActivityDetail } from '../store/job-types.js';
import { limitDetail, usageLimit } from '../limits/detect.js';

/** Printed by a worker when its task is done: `[cc-agent:done] <one-line summary>`. */
export const DONE_MARKER = '[cc-agent:done]';

/** The summary after the done marker, or undefined when the message has no marker line. */
export function doneSummary(message: string): string | undefined {
  for (const line of message.split('\n')) {
    const at = line.indexOf(DONE_MARKER);
    if (at >= 0) return line.slice(at + DONE_MARKER.length).trim();
  }
  return undefined;
}

export interface ActivityState {
  activity: Activity | null;
  detail: ActivityDetail | null;
}

/** What one hook event does to a job. Fields left undefined stay as they are. */
export interface Transition extends Partial<ActivityState> {
  /** The turn's last message (Stop). */
  summary?: string;
  /** The worker printed the done marker: the job is completed with this summary. */
  done?: string;
}

type Payload = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** "Using Edit… src/auth.ts": the tool and what it works on, for the jobs list and the TUI. */
export function toolLabel(tool: string, input: unknown): string {
  const i = (input && typeof input === 'object' ? input : {}) as Payload;
  const target =
    str(i['file_path']) ??
    str(i['notebook_path']) ??
    str(i['command']) ??
    str(i['pattern']) ??
    str(i['description']) ??
    str(i['url']) ??
    '';
  const short = target.split('\n')[0] ?? '';
  return `Using ${tool}…${short ? ` ${short.length > 60 ? `${short.slice(0, 59)}…` : short}` : ''}`;
}

/** Keep big tool inputs (a Write carries the whole file) out of the jobs row. */
function previewInput(input: unknown): unknown {
  const text = JSON.stringify(input ?? null);
  return text.length <= 2000 ? input : `${text.slice(0, 2000)}…`;
}

/**
 * The state machine, hooks first: each event moves the job's activity. Events that say
 * nothing about it (a PostToolUse of a background shell, an unknown event) change nothing.
 */
export function transition(
  state: ActivityState,
  event: string,
  p: Payload,
  at = Date.now(),
): Transition {
  switch (event) {
    case 'SessionStart': {
      const source = str(p['source']);
      if (source === 'compact') {
        // A manual /compact ends at the prompt; an automatic one continues the turn.
        const manual = state.detail?.compact === 'manual';
        return manual ? { activity: 'idle', detail: null } : { activity: 'working', detail: null };
      }
      return { activity: 'idle', detail: null };
    }
    case 'UserPromptSubmit':
      return { activity: 'working', detail: null };
    case 'PreToolUse': {
      const tool = str(p['tool_name']) ?? 'tool';
      return { activity: 'working', detail: { label: toolLabel(tool, p['tool_input']), tool } };
    }
    case 'PermissionRequest': {
      const tool = str(p['tool_name']) ?? 'tool';
      return {
        activity: 'needs_permission',
        detail: {
          label: `Asks to use ${tool}`,
          tool,
          input: previewInput(p['tool_input']),
          dialog: 'permission',
        },
      };
    }
    case 'Notification':
      if (
        str(p['notification_type']) === 'permission_prompt' &&
        state.activity !== 'needs_permission'
      ) {
        return {
          activity: 'needs_permission',
          detail: { label: str(p['message']) ?? 'Asks for permission', dialog: 'permission' },
        };
      }
      return {};
    case 'PostToolUse':
    case 'PostToolUseFailure':
    case 'PermissionDenied':
      // The tool ran (or was refused): the turn goes on.
      return state.activity === 'needs_permission' || state.activity === 'working'
        ? { activity: 'working', detail: null }
        : {};
    case 'PreCompact':
      return {
        activity: 'working',
        detail: { label: 'Compacting…', compact: str(p['trigger']) ?? 'auto' },
      };
    case 'Stop': {
      const message = str(p['last_assistant_message']) ?? '';
      const background = Array.isArray(p['background_tasks']) ? p['background_tasks'].length : 0;
      const done = doneSummary(message);
      const summary = message ? message.slice(0, 2000) : undefined;
      const base: Transition = {
        ...(summary ? { summary } : {}),
        ...(done !== undefined ? { done } : {}),
      };
      if (background > 0) {
        return {
          ...base,
          activity: 'working',
          detail: {
            label: `${background} background task${background > 1 ? 's' : ''} running`,
            background,
          },
        };
      }
      return { ...base, activity: 'waiting', detail: null };
    }
    case 'StopFailure': {
      // The plan's usage ran out: paused until it resets (limits/resume.ts), not failed.
      const words = [p['error'], p['error_details'], p['last_assistant_message']]
        .map(str)
        .filter(Boolean)
        .join('\n');
      const limit = usageLimit(words, at);
      if (limit || /usage_limit|rate_limit/i.test(str(p['error']) ?? '')) {
        return { activity: 'rate_limited', detail: limitDetail(limit) };
      }
      return { activity: 'waiting', detail: { error: str(p['error']) ?? 'the turn failed' } };
    }
    default:
      return {};
  }
}
