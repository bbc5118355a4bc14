import { randomBytes } from 'node:crypto';
import type { App } from './app.js';
import { style } from './screen.js';
import { permissionFor, runTool } from './tools.js';
import { tokensOf } from './transcript.js';
import type { TurnState } from './turn.js';

const VERBS: Record<string, string> = {
  Bash: 'Running',
  Write: 'Writing',
  Edit: 'Editing',
  Read: 'Reading',
  Task: 'Delegating',
};

const DIALOG_TITLES: Record<string, string> = {
  Bash: 'Bash command',
  Read: 'Read file',
  Write: 'Create file',
  Edit: 'Edit file',
  Task: 'Task',
};

function describe(tool: string, input: Record<string, string>): string {
  const what = input['command'] ?? input['file_path'] ?? input['description'] ?? '';
  const line = what.split('\n')[0] ?? '';
  return `${tool}(${line.length > 80 ? `${line.slice(0, 79)}…` : line})`;
}

/** Claude Code's permission dialog; resolves true to run the tool. */
async function askPermission(
  app: App,
  tool: string,
  input: Record<string, string>,
  signal: AbortSignal,
): Promise<boolean> {
  const s = app.session;
  void s.hook('PermissionRequest', {
    tool_name: tool,
    tool_input: input,
    permission_suggestions: [{ type: 'addRules', behavior: 'allow', destination: 'session' }],
  });
  const delay = Number(process.env['CC_DEMO_NOTIFY_DELAY_MS'] ?? 6000);
  const notify = setTimeout(() => {
    void s.hook('Notification', {
      message: `Claude needs your permission to use ${tool}`,
      notification_type: 'permission_prompt',
    });
  }, delay);
  const title = DIALOG_TITLES[tool] ?? tool;
  const detail = input['command'] ?? input['file_path'] ?? input['description'] ?? '';
  const choice = signal.aborted
    ? null
    : await app.ask(
        [
          ` ${style.bold(title)}`,
          '',
          `   ${detail.split('\n')[0] ?? ''}`,
          '',
          ' Do you want to proceed?',
        ],
        [
          'Yes',
          `Yes, and don't ask again for ${tool} in ${s.cwd}`,
          'No, and tell Claude what to do differently (esc)',
        ],
      );
  clearTimeout(notify);
  if (choice === 1) s.allowedThisSession.add(tool);
  return choice === 0 || choice === 1;
}

/**
 * One tool call as Claude Code makes it: PreToolUse (exit 2 blocks), the permission check (a
 * dialog when the mode asks), the tool itself, then PostToolUse or PostToolUseFailure.
 */
export async function runToolCall(
  app: App,
  state: TurnState,
  tool: string,
  input: Record<string, string>,
  signal: AbortSignal,
  taskSeconds = 1,
): Promise<'ok' | 'end'> {
  const s = app.session;
  app.commit([`${style.green('●')} ${describe(tool, input)}`]);
  const permission = permissionFor(s.args, tool, s.allowedThisSession, input['command'], s.cwd);
  if (permission === 'unavailable') {
    app.commit([style.red(`  ⎿  Error: No such tool available: ${tool}`)]);
    state.fresh += 20;
    return 'ok';
  }
  const toolUseId = `toolu_${randomBytes(12).toString('hex')}`;
  const common = { tool_name: tool, tool_input: input, tool_use_id: toolUseId };
  s.transcript.assistant(
    s.args.model,
    [{ type: 'tool_use', id: toolUseId, name: tool, input }],
    s.usage(state.fresh, JSON.stringify(input)),
    s.args.effort,
  );
  state.fresh = 0;
  const pre = await s.hook('PreToolUse', common);
  if (pre.blocked) {
    app.commit([style.red(`  ⎿  PreToolUse:${tool} hook blocked this: ${pre.reason}`)]);
    return result(app, state, toolUseId, `Blocked by hook: ${pre.reason}`, true);
  }
  if (permission === 'deny') {
    app.commit([style.red(`  ⎿  Permission to use ${tool} has been denied.`)]);
    await s.hook('PermissionDenied', { ...common, reason: `permission mode ${s.mode}` });
    return result(app, state, toolUseId, 'Permission denied', true);
  }
  if (permission === 'ask' && !(await askPermission(app, tool, input, signal))) {
    app.commit([style.red('  ⎿  User rejected the tool use')]);
    return 'end';
  }
  app.verb = VERBS[tool] ?? 'Working';
  const started = Date.now();
  if (tool === 'Task') {
    await s.hook('SubagentStart', { agent_id: toolUseId, agent_type: input['subagent_type'] });
    await app.sleep(app.scaled(taskSeconds * 1000), signal);
  }
  const run = await runTool(tool, input, s.cwd, signal);
  if (signal.aborted) return 'end';
  // A deliberately wrong agent, to prove the conformance test can fail.
  if (process.env['CC_DEMO_BREAK'] === 'stop-before-post') {
    await s.hook('Stop', {
      stop_hook_active: false,
      last_assistant_message: '',
      background_tasks: [],
    });
  }
  if (tool === 'Task') {
    await s.hook('SubagentStop', {
      agent_id: toolUseId,
      agent_type: input['subagent_type'],
      stop_hook_active: false,
    });
  }
  const duration = Date.now() - started;
  app.verb = 'Working';
  app.commit([`  ⎿  ${run.ok ? run.summary : style.red(run.summary)}`]);
  if (run.ok)
    await s.hook('PostToolUse', { ...common, tool_response: run.response, duration_ms: duration });
  else {
    await s.hook('PostToolUseFailure', {
      ...common,
      error: run.response,
      is_interrupt: false,
      duration_ms: duration,
    });
  }
  return result(app, state, toolUseId, run.response, !run.ok);
}

function result(
  app: App,
  state: TurnState,
  toolUseId: string,
  content: unknown,
  isError: boolean,
): 'ok' {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  state.fresh += tokensOf(text);
  const s = app.session;
  s.transcript.user(
    [{ type: 'tool_result', tool_use_id: toolUseId, content: text, is_error: isError }],
    s.promptId ?? '',
    { toolUseResult: content },
  );
  return 'ok';
}
