import { createHash } from 'node:crypto';
import type { Sandbox } from '../store/job-types.js';
import { ASYNC_HOOK_EVENTS } from './claude-flags.js';
import type { AgentBackend } from './types.js';

/** Codex 0.169's hook events (its `/hooks` list), all relayed. */
export const CODEX_HOOK_EVENTS = [
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'PreCompact',
  'PostCompact',
  'SessionStart',
  'SessionEnd',
  'UserPromptSubmit',
  'SubagentStart',
  'SubagentStop',
  'Stop',
] as const;

/** Where Codex says `-c` hooks come from: the key its trust records name them by. */
const SESSION_FLAGS_SOURCE = '/<session-flags>/config.toml';

/** 'PreToolUse' -> 'pre_tool_use': Codex's label for an event in trust keys and hashes. */
const eventLabel = (event: string): string =>
  event.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

/** A TOML basic string (JSON's escapes are TOML's; TOML also wants DEL escaped). */
const tomlString = (s: string): string => JSON.stringify(s).replace(/\x7f/g, '\\u007f');

/**
 * Codex's trust hash of one command hook: sha256 of the compact JSON, keys sorted, of the
 * normalized hook (`hooks/src/engine/discovery.rs` command_hook_hash; absent fields dropped).
 */
export function codexHookHash(
  event: string,
  command: string,
  timeout: number,
  async: boolean,
): string {
  const identity = {
    event_name: eventLabel(event),
    hooks: [{ async, command, timeout, type: 'command' }],
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

/**
 * `-c` overrides that add the relay as a hook for every event, in Codex's session-flags config
 * layer (nothing is written to ~/.codex), and mark exactly those hooks trusted: Codex runs a
 * non-managed hook only when `hooks.state.<key>.trusted_hash` matches the hook as configured.
 * The user's own hooks keep their own trust; --dangerously-bypass-hook-trust is not used.
 */
export function codexHookArgs(relayScript: string): string[] {
  const relay = `'${relayScript.replace(/'/g, `'\\''`)}'`;
  const args: string[] = [];
  const trust: string[] = [];
  for (const event of CODEX_HOOK_EVENTS) {
    // Codex clamps a SessionEnd hook to 3 s (and hashes the clamped value).
    const timeout = event === 'SessionEnd' ? 3 : 10;
    const async = ASYNC_HOOK_EVENTS.has(event);
    // PreToolUse also takes file leases (apply_patch names its files in the patch).
    const command = event === 'PreToolUse' ? `${relay} --lease` : relay;
    const hook = `{type="command",command=${tomlString(command)},timeout=${timeout}${async ? ',async=true' : ''}}`;
    args.push('-c', `hooks.${event}=[{hooks=[${hook}]}]`);
    const key = `${SESSION_FLAGS_SOURCE}:${eventLabel(event)}:0:0`;
    const hash = codexHookHash(event, command, timeout, async);
    trust.push(`${tomlString(key)}={trusted_hash=${tomlString(hash)}}`);
  }
  args.push('-c', `hooks.state={${trust.join(',')}}`);
  return args;
}

function sandboxArgs(sandbox: Sandbox): string[] {
  // Codex has real OS sandboxes with the same three names; approvals surface as dialogs.
  if (sandbox === 'danger-full-access') return ['--dangerously-bypass-approvals-and-sandbox'];
  return ['-s', sandbox, '-a', 'on-request'];
}

export const codexBackend: AgentBackend = {
  name: 'codex',
  programName: 'codex',
  installHint: 'npm install -g @openai/codex',
  launch(req) {
    // Codex tops out at xhigh; 'max' means the most it has.
    const effort = req.effort === 'max' ? 'xhigh' : (req.effort ?? null);
    const args = [
      ...(req.model ? ['-m', req.model] : []),
      ...(effort ? ['-c', `model_reasoning_effort=${effort}`] : []),
      ...sandboxArgs(req.sandbox),
      ...codexHookArgs(req.relayScript),
    ];
    if (req.resume) args.unshift('resume', req.sessionId);
    return {
      program: 'codex',
      args,
      // Tells a globally installed relay (setup-hooks) that this agent relays through -c.
      env: { CC_AGENT_LAUNCH_HOOKS: '1' },
      settings: undefined,
      model: req.model ?? null,
      effort,
      // Codex picks its own session id; it is learned later from its hooks.
      sessionId: null,
    };
  },
  versionArgs: ['--version'],
  // Its hooks are relayed (codexHookArgs). But after /new Codex 0.169 fires no SessionStart
  // until the next prompt (and then with source 'startup'): clear waits for the input box.
  relaysHooks: true,
  clearStartsSession: false,
  clearCommand: '/new',
  usageCommand: '/status',
  screen: {
    ready: /\? for shortcuts|⏎ send/,
    busy: /esc to interrupt/i,
    trust: /Do you trust the files in this folder\?|allow Codex to work in this folder/i,
    permission:
      /Allow command\?|Would you like to run the following command\?|Do you want to proceed\?/i,
    usage: /Token usage|tokens used/i,
  },
};
