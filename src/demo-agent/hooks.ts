import { spawn } from 'node:child_process';
import type { HookCommand, HookTable } from './settings.js';

export interface HookOutcome {
  /** A hook exited 2: for PreToolUse/UserPromptSubmit this blocks the action. */
  blocked: boolean;
  /** stderr of the blocking hook, shown to the "model" as Claude Code does. */
  reason: string;
}

/** Which payload field a group's matcher is tested against, per event (as Claude Code does). */
const MATCH_FIELD: Record<string, string> = {
  PreToolUse: 'tool_name',
  PostToolUse: 'tool_name',
  PostToolUseFailure: 'tool_name',
  PermissionRequest: 'tool_name',
  SessionStart: 'source',
  SessionEnd: 'reason',
  Notification: 'notification_type',
  PreCompact: 'trigger',
  SubagentStart: 'agent_type',
  SubagentStop: 'agent_type',
  PostCompact: 'trigger',
};

function matches(matcher: string | undefined, value: unknown): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (typeof value !== 'string') return false;
  try {
    return new RegExp(`^(?:${matcher})$`).test(value);
  } catch {
    return matcher === value;
  }
}

/**
 * Run every hook registered for the payload's event. Synchronous hooks run in parallel and are
 * awaited; `async: true` hooks are fired and forgotten. Each gets the payload as JSON on stdin
 * and the agent's environment, exactly like Claude Code's command hooks.
 */
export async function runHooks(
  table: HookTable,
  payload: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<HookOutcome> {
  const event = payload['hook_event_name'] as string;
  const field = MATCH_FIELD[event];
  const commands: HookCommand[] = [];
  for (const group of table[event] ?? []) {
    if (field === undefined || matches(group.matcher, payload[field])) {
      commands.push(...group.hooks.filter((h) => h.type === 'command' && h.command));
    }
  }
  const input = JSON.stringify(payload);
  const results = await Promise.all(
    commands.map((h) => {
      const run = runOne(h, input, env, cwd);
      return h.async ? Promise.resolve({ code: 0, stderr: '' }) : run;
    }),
  );
  const block = results.find((r) => r.code === 2);
  return { blocked: block !== undefined, reason: block?.stderr.trim() ?? '' };
}

function runOne(
  hook: HookCommand,
  input: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', hook.command], {
      cwd,
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
      // Its own process group, so a timeout also kills what the hook started (`sleep 15; …`).
      detached: true,
    });
    if (hook.async) child.unref();
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 10_000) stderr += d.toString();
    });
    // A hook that never reads stdin must not crash the agent with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
    const timer = setTimeout(
      () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      },
      (hook.timeout ?? 600) * 1000,
    );
    timer.unref();
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 1, stderr: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr });
    });
  });
}
