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
  'PermissionDenied',
  'Notification',
  'Stop',
  'StopFailure',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
] as const;

/**
 * Events whose relay runs in the background (`async: true`): the agent never waits for them.
 * The rest stay synchronous because the state machine needs their order exactly: they mark a
 * turn's edges (UserPromptSubmit, Stop), the session (SessionStart/End), or come within a
 * millisecond of each other (PreToolUse, then PermissionRequest).
 */
export const ASYNC_HOOK_EVENTS: ReadonlySet<string> = new Set([
  'PostToolUse',
  'PostToolUseFailure',
  'PermissionDenied',
  'Notification',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
]);

/** Tools a read-only agent keeps: none of them can change a file or run a command. */
export const READ_ONLY_TOOLS = ['Read', 'Grep', 'Glob', 'WebFetch', 'WebSearch'];
// 2.1.331 has no MultiEdit tool (a deny rule naming it draws a warning on screen).
const WRITE_TOOLS = ['Bash', 'Edit', 'Write', 'NotebookEdit', 'Task'];

/** The guide's defaults: opus at xhigh, and "-r low" alone means sonnet. */
export function claudeModel(model: string | undefined, effort: Effort | undefined): string {
  if (model) return model;
  return effort === 'low' ? 'sonnet' : 'opus';
}

/**
 * The hooks that run the relay. `global` (installed by setup-hooks in the user's settings)
 * steps aside for agents cc-agent launched with their own relay, so no event is relayed twice.
 */
export function relayHooks(
  relayScript: string,
  scope: 'launch' | 'global' = 'launch',
): Record<string, unknown> {
  const quoted = `'${relayScript.replace(/'/g, `'\\''`)}'`;
  const command = scope === 'global' ? `${quoted} --global` : quoted;
  return Object.fromEntries(
    HOOK_EVENTS.map((event) => {
      // A launched agent's PreToolUse also takes its file leases (and may be refused).
      const run = scope === 'launch' && event === 'PreToolUse' ? `${command} --lease` : command;
      const hook: Record<string, unknown> = { type: 'command', command: run, timeout: 10 };
      if (ASYNC_HOOK_EVENTS.has(event)) hook['async'] = true;
      return [event, [{ hooks: [hook] }]];
    }),
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
  // Tells a globally installed relay (setup-hooks) that this agent relays through --settings.
  const env: Record<string, string> = { CC_AGENT_LAUNCH_HOOKS: '1' };
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
      ...(req.allowTools?.length ? ['--allowedTools', req.allowTools.join(',')] : []),
    ],
    env,
    settings,
    model,
    effort,
    sessionId: req.sessionId,
  };
}
