import type { HookEventRecord } from '../engine/index.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const firstLine = (s: string, max = 100): string => {
  const line = s.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** What a tool call works on: the file, the command, the pattern. */
function target(input: unknown): string {
  const i = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return firstLine(
    str(i['file_path']) ||
      str(i['notebook_path']) ||
      str(i['command']) ||
      str(i['pattern']) ||
      str(i['description']) ||
      str(i['url']),
    80,
  );
}

/** One timeline line's text, e.g. "Edit src/auth/session.ts". */
export function describeEvent(e: HookEventRecord): string {
  const p = e.payload;
  const tool = str(p['tool_name']);
  switch (e.event) {
    case 'PreToolUse':
      return `${tool} ${target(p['tool_input'])}`.trimEnd();
    case 'PostToolUse':
      return `  ✓ ${tool}`;
    case 'PostToolUseFailure':
      return `  ✗ ${tool}: ${firstLine(str(p['error']), 80)}`;
    case 'PermissionRequest':
      return `asks permission: ${tool} ${target(p['tool_input'])}`.trimEnd();
    case 'UserPromptSubmit':
      return `prompt: ${firstLine(str(p['prompt']))}`;
    case 'Stop':
      return `turn ended: ${firstLine(str(p['last_assistant_message']))}`;
    case 'StopFailure':
      return `turn failed: ${firstLine(str(p['error']))}`;
    case 'SessionStart':
      return `session ${str(p['source']) || 'start'} ${str(p['session_id']).slice(0, 8)}`;
    case 'SessionEnd':
      return `session ended (${str(p['reason']) || 'other'})`;
    case 'Notification':
      return `notice: ${firstLine(str(p['message']))}`;
    case 'PreCompact':
      return `compacting (${str(p['trigger']) || 'auto'})`;
    case 'SubagentStart':
    case 'SubagentStop':
      return `${e.event === 'SubagentStart' ? 'subagent started' : 'subagent done'} ${str(p['agent_type'])}`.trimEnd();
    default:
      return e.event;
  }
}

const clock = (ms: number): string => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
};

/**
 * `a1b2c3d4  Edit src/auth/session.ts`; an event that matched no session of its job (possibly
 * forged, never applied) reads `a1b2c3d4  [orphan] turn ended: …`.
 */
export const timelineText = (e: HookEventRecord): string =>
  `${e.jobId}  ${e.orphan ? '[orphan] ' : ''}${describeEvent(e)}`;

/** `10:31:42  a1b2c3d4  Edit src/auth/session.ts` (the CLI's `events` prints the date too). */
export const timelineLine = (e: HookEventRecord): string => `${clock(e.ts)}  ${timelineText(e)}`;
