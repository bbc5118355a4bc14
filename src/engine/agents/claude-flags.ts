import type { Effort, Sandbox } from '../store/job-types.js';
import type { LaunchRequest, LaunchSpec } from './types.js';

/** Hook events cc-agent listens to (claude and the simulated agent share the list). */
export const HOOK_EVENTS = [
  'SessionStart',
  'SessionEnd',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PermissionRequest',
  'Notification',
  'Stop',
  'SubagentStop',
  'PreCompact',
] as const;

/** Tools a read-only agent keeps: none of them can change a file or run a command. */
export const READ_ONLY_TOOLS = ['Read', 'Grep', 'Glob', 'WebFetch', 'WebSearch'];
const WRITE_TOOLS = ['Bash', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'Task'];

/** The guide's defaults: opus at xhigh, and "-r low" alone means sonnet. */
export function claudeModel(model: string | undefined, effort: Effort | undefined): string {
  if (model) return model;
  return effort === 'low' ? 'sonnet' : 'opus';
}

export function relayHooks(relayScript: string): Record<string, unknown> {
  const command = `'${relayScript.replace(/'/g, `'\\''`)}'`;
  return Object.fromEntries(
    HOOK_EVENTS.map((event) => [event, [{ hooks: [{ type: 'command', command, timeout: 10 }] }]]),
  );
}

function sandboxArgs(sandbox: Sandbox): string[] {
  switch (sandbox) {
    case 'read-only':
      // --allowedTools only pre-approves; --tools sets the exact built-in set, and the deny
      // list keeps write tools out even if a later CLI widens --tools' meaning.
      return ['--tools', READ_ONLY_TOOLS.join(','), '--disallowedTools', WRITE_TOOLS.join(',')];
    case 'workspace-write':
      return ['--permission-mode', 'acceptEdits'];
    case 'danger-full-access':
      return ['--dangerously-skip-permissions'];
  }
}

/** The argv and settings Claude Code (and the simulated agent, which mirrors it) launches with. */
export function claudeLaunch(
  req: LaunchRequest,
  program: string,
  preArgs: string[] = [],
): LaunchSpec {
  const model = claudeModel(req.model, req.effort);
  const effort = req.effort ?? 'xhigh';
  const settings: Record<string, unknown> = { hooks: relayHooks(req.relayScript) };
  if (req.sandbox === 'danger-full-access') settings['skipDangerousModePermissionPrompt'] = true;
  const session = req.resume ? ['--resume', req.sessionId] : ['--session-id', req.sessionId];
  const env: Record<string, string> = {};
  // As root the CLI refuses to skip permissions unless told it is sandboxed.
  if (req.sandbox === 'danger-full-access' && process.getuid?.() === 0) env['IS_SANDBOX'] = '1';
  return {
    program,
    args: [
      ...preArgs,
      '--model',
      model,
      '--effort',
      effort,
      ...session,
      '--settings',
      req.settingsFile,
      ...sandboxArgs(req.sandbox),
    ],
    env,
    settings,
    model,
    effort,
    sessionId: req.sessionId,
  };
}
