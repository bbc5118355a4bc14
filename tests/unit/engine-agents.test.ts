import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeBackend } from '../../src/engine/agents/claude.js';
import {
  ASYNC_HOOK_EVENTS,
  HOOK_EVENTS,
  READ_ONLY_TOOLS,
  claudeModel,
} from '../../src/engine/agents/claude-flags.js';
import {
  CODEX_HOOK_EVENTS,
  codexBackend,
  codexHookArgs,
  codexHookHash,
} from '../../src/engine/agents/codex.js';
import { demoAgentMain, demoBackend } from '../../src/engine/agents/demo.js';
import { geminiBackend, geminiScreen } from '../../src/engine/agents/gemini.js';
import { backendFor } from '../../src/engine/agents/registry.js';
import type { LaunchRequest, LaunchSpec } from '../../src/engine/agents/types.js';
import type { EngineContext } from '../../src/engine/context.js';
import { screenState } from '../../src/engine/jobs/screen-wait.js';
import { planStart } from '../../src/engine/jobs/start.js';
import { realRunner } from '../../src/engine/process/runner.js';

const SESSION = '3f2b6a1e-7c4d-4e5f-9a8b-0c1d2e3f4a5b';
const RELAY = "/opt/cc agent's/hooks/relay-event.sh";
const isRoot = process.getuid?.() === 0;

function req(over: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    jobId: '0badcafe',
    home: '/tmp/cc-home',
    dir: '/work/project',
    model: undefined,
    effort: undefined,
    sandbox: 'workspace-write',
    sessionId: SESSION,
    settingsFile: '/tmp/cc-home/jobs/0badcafe.settings.json',
    relayScript: RELAY,
    ...over,
  };
}

/** The value that follows `flag` in argv (undefined when the flag is absent). */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
}

describe('claude launch spec', () => {
  it('defaults to opus at xhigh, workspace-write = acceptEdits, pre-assigned session id', () => {
    const spec = claudeBackend.launch(req());
    expect(spec.program).toBe('claude');
    expect(spec.args).toEqual([
      '--model',
      'opus',
      '--effort',
      'xhigh',
      '--session-id',
      SESSION,
      '--settings',
      '/tmp/cc-home/jobs/0badcafe.settings.json',
      '--permission-mode',
      'acceptEdits',
    ]);
    expect(spec).toMatchObject({ model: 'opus', effort: 'xhigh', sessionId: SESSION, env: {} });
    expect(spec.settings).not.toHaveProperty('skipDangerousModePermissionPrompt');
  });

  it('-r low without -m means sonnet; with -m the model is kept', () => {
    const low = claudeBackend.launch(req({ effort: 'low' }));
    expect(flagValue(low.args, '--model')).toBe('sonnet');
    expect(flagValue(low.args, '--effort')).toBe('low');
    expect(low.model).toBe('sonnet');

    const explicit = claudeBackend.launch(req({ effort: 'low', model: 'haiku' }));
    expect(flagValue(explicit.args, '--model')).toBe('haiku');
    expect(explicit.model).toBe('haiku');

    const high = claudeBackend.launch(req({ effort: 'high' }));
    expect(flagValue(high.args, '--model')).toBe('opus');
    expect(claudeModel('claude-sonnet-4-5[1m]', 'low')).toBe('claude-sonnet-4-5[1m]');
  });

  it('read-only sets the exact tool set and denies the write tools; no --allowedTools', () => {
    const spec = claudeBackend.launch(req({ sandbox: 'read-only' }));
    expect(flagValue(spec.args, '--tools')).toBe('Read,Grep,Glob,WebFetch,WebSearch');
    expect(READ_ONLY_TOOLS).toEqual(['Read', 'Grep', 'Glob', 'WebFetch', 'WebSearch']);
    const denied = (flagValue(spec.args, '--disallowedTools') ?? '').split(',');
    expect(denied).toEqual(expect.arrayContaining(['Bash', 'Edit', 'Write']));
    for (const tool of READ_ONLY_TOOLS) expect(denied).not.toContain(tool);
    expect(spec.args).not.toContain('--allowedTools');
    expect(spec.args).not.toContain('--permission-mode');
    expect(spec.args).not.toContain('--dangerously-skip-permissions');
  });

  it('danger-full-access skips permissions and pre-answers the bypass warning', () => {
    const spec = claudeBackend.launch(req({ sandbox: 'danger-full-access' }));
    expect(spec.args).toContain('--dangerously-skip-permissions');
    expect(spec.args).not.toContain('--permission-mode');
    expect(spec.settings?.['skipDangerousModePermissionPrompt']).toBe(true);
    // As root the CLI refuses to skip permissions unless told it is sandboxed.
    expect(spec.env).toEqual({
      CC_AGENT_LAUNCH_HOOKS: '1',
      ...(isRoot ? { IS_SANDBOX: '1' } : {}),
    });
  });

  it('resume continues the session instead of pre-assigning one', () => {
    const spec = claudeBackend.launch(req({ resume: true }));
    expect(flagValue(spec.args, '--resume')).toBe(SESSION);
    expect(spec.args).not.toContain('--session-id');
  });

  it('settings hooks send every HOOK_EVENTS entry to the relay, shell-quoted', async () => {
    const spec = claudeBackend.launch(req());
    const hooks = spec.settings?.['hooks'] as Record<
      string,
      { hooks: { type: string; command: string; timeout: number }[] }[]
    >;
    expect(Object.keys(hooks).sort()).toEqual([...HOOK_EVENTS].sort());
    expect(HOOK_EVENTS).toEqual(
      expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification']),
    );
    const command = `'/opt/cc agent'\\''s/hooks/relay-event.sh'`;
    for (const event of HOOK_EVENTS) {
      // PreToolUse also takes the file leases (hooks/relay-event.sh --lease).
      const run = event === 'PreToolUse' ? `${command} --lease` : command;
      const hook = { type: 'command', command: run, timeout: 10 };
      expect(hooks[event]).toEqual([
        { hooks: [ASYNC_HOOK_EVENTS.has(event) ? { ...hook, async: true } : hook] },
      ]);
    }
    // The turn's edges and the session's stay synchronous: their order is the state machine's.
    for (const event of ['SessionStart', 'SessionEnd', 'UserPromptSubmit', 'PreToolUse', 'Stop']) {
      expect(ASYNC_HOOK_EVENTS.has(event)).toBe(false);
    }
    // The command string is read by a shell: it must come back as the one exact path.
    const r = await realRunner.run(['sh', '-c', `printf %s ${command}`]);
    expect(r.stdout).toBe(RELAY);
  });
});

describe('demo launch spec', () => {
  it('runs the bundled simulated agent with node and the same flags as claude', () => {
    const spec = demoBackend.launch(req({ model: 'sonnet', effort: 'high' }));
    const claude = claudeBackend.launch(req({ model: 'sonnet', effort: 'high' }));
    expect(spec.program).toBe(process.execPath);
    expect(spec.args).toEqual([demoAgentMain, ...claude.args]);
    // dist/demo-agent/main.js when built (src/… when the engine runs from source under vitest).
    expect(demoAgentMain.endsWith(join('demo-agent', 'main.js'))).toBe(true);
    expect(spec.settings).toEqual(claude.settings);
    expect(spec).toMatchObject({ model: 'sonnet', effort: 'high', sessionId: SESSION });
  });

  it('keeps its config dir under the cc-agent home, never ~/.claude', () => {
    const spec = demoBackend.launch(req({ home: '/tmp/other home' }));
    expect(spec.env).toEqual({
      CC_AGENT_LAUNCH_HOOKS: '1',
      CLAUDE_CONFIG_DIR: join('/tmp/other home', 'demo-claude'),
    });
  });

  it('danger mode still skips the prompt but never sets IS_SANDBOX', () => {
    const spec = demoBackend.launch(req({ sandbox: 'danger-full-access' }));
    expect(spec.args).toContain('--dangerously-skip-permissions');
    expect(spec.settings?.['skipDangerousModePermissionPrompt']).toBe(true);
    expect(spec.env).not.toHaveProperty('IS_SANDBOX');
  });
});

describe('codex launch spec', () => {
  const launch = (over: Partial<LaunchRequest>): LaunchSpec => codexBackend.launch(req(over));
  const hooks = codexHookArgs(RELAY);

  it('maps the sandbox onto -s and asks for approvals with -a on-request', () => {
    expect(launch({ sandbox: 'read-only' }).args).toEqual([
      '-s',
      'read-only',
      '-a',
      'on-request',
      ...hooks,
    ]);
    expect(launch({ sandbox: 'workspace-write' }).args).toEqual([
      '-s',
      'workspace-write',
      '-a',
      'on-request',
      ...hooks,
    ]);
    expect(launch({ sandbox: 'danger-full-access' }).args).toEqual([
      '--dangerously-bypass-approvals-and-sandbox',
      ...hooks,
    ]);
  });

  it('passes -m and the effort; max becomes xhigh; no effort means no effort -c', () => {
    const spec = launch({ model: 'gpt-5-codex', effort: 'max' });
    expect(spec.args).toEqual([
      '-m',
      'gpt-5-codex',
      '-c',
      'model_reasoning_effort=xhigh',
      '-s',
      'workspace-write',
      '-a',
      'on-request',
      ...hooks,
    ]);
    expect(spec).toMatchObject({ program: 'codex', model: 'gpt-5-codex', effort: 'xhigh' });
    expect(launch({ effort: 'low' }).args).toContain('model_reasoning_effort=low');
    const plain = launch({});
    expect(plain.args.join(' ')).not.toContain('model_reasoning_effort');
    expect(plain.args).not.toContain('-m');
    expect(plain).toMatchObject({
      model: null,
      effort: null,
      sessionId: null,
      settings: undefined,
      env: { CC_AGENT_LAUNCH_HOOKS: '1' },
    });
  });

  it('resume puts the subcommand and session first, and keeps the hooks', () => {
    const args = launch({ resume: true }).args;
    expect(args.slice(0, 2)).toEqual(['resume', SESSION]);
    expect(args.slice(-hooks.length)).toEqual(hooks);
  });

  it('adds the relay for every Codex event with -c, async where claude has it async', () => {
    const values = hooks.filter((_, i) => i % 2 === 1);
    expect(hooks.filter((_, i) => i % 2 === 0)).toEqual(values.map(() => '-c'));
    expect(values).toHaveLength(CODEX_HOOK_EVENTS.length + 1);
    // The relay path is shell-quoted for sh, then written as a TOML string.
    const command = JSON.stringify(`'/opt/cc agent'\\''s/hooks/relay-event.sh'`);
    const lease = JSON.stringify(`'/opt/cc agent'\\''s/hooks/relay-event.sh' --lease`);
    expect(values[0]).toBe(
      `hooks.PreToolUse=[{hooks=[{type="command",command=${lease},timeout=10}]}]`,
    );
    expect(values).toContain(
      `hooks.PostToolUse=[{hooks=[{type="command",command=${command},timeout=10,async=true}]}]`,
    );
    // Codex clamps SessionEnd to 3 s; a longer timeout would not match its trust record.
    expect(values).toContain(
      `hooks.SessionEnd=[{hooks=[{type="command",command=${command},timeout=3}]}]`,
    );
    for (const event of CODEX_HOOK_EVENTS) {
      const value = values.find((v) => v.startsWith(`hooks.${event}=`));
      expect(value, event).toBeDefined();
      expect(value?.includes('async=true'), event).toBe(ASYNC_HOOK_EVENTS.has(event));
    }
  });

  it('trusts exactly its own hooks: one session-flags trust key per event, hashed as Codex does', () => {
    const state = hooks.at(-1) ?? '';
    expect(state.startsWith('hooks.state={')).toBe(true);
    const command = `'/opt/cc agent'\\''s/hooks/relay-event.sh'`;
    const entries = [...state.matchAll(/"([^"]+)"=\{trusted_hash="(sha256:[0-9a-f]{64})"\}/g)];
    expect(entries.map((m) => m[1])).toEqual(
      CODEX_HOOK_EVENTS.map(
        (e) =>
          `/<session-flags>/config.toml:${e.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}:0:0`,
      ),
    );
    const stop = entries.find((m) => m[1]?.endsWith(':stop:0:0'));
    expect(stop?.[2]).toBe(codexHookHash('Stop', command, 10, false));
    // PreToolUse is trusted as configured: with the lease flag.
    const pre = entries.find((m) => m[1]?.endsWith(':pre_tool_use:0:0'));
    expect(pre?.[2]).toBe(codexHookHash('PreToolUse', `${command} --lease`, 10, false));
    // The hash the real Codex 0.169 accepted (tests/real-cli/codex-hooks.test.ts checks live).
    expect(codexHookHash('Stop', "'/work/main/hooks/relay-event.sh'", 10, false)).toBe(
      'sha256:9c5e434a5d6792beee700c8e94f1ea90546e894dcff77a83c8ce65b97a16ef6c',
    );
    expect(state).not.toContain('bypass');
    expect(codexBackend.launch(req()).args).not.toContain('--dangerously-bypass-hook-trust');
  });
});

describe('gemini launch spec', () => {
  const launch = (over: Partial<LaunchRequest>): LaunchSpec => geminiBackend.launch(req(over));

  it('maps each sandbox onto --approval-mode and pre-assigns the session id', () => {
    expect(launch({ sandbox: 'read-only' }).args).toEqual([
      '--approval-mode',
      'plan',
      '--session-id',
      SESSION,
    ]);
    expect(launch({ sandbox: 'workspace-write' }).args).toEqual([
      '--approval-mode',
      'auto_edit',
      '--session-id',
      SESSION,
    ]);
    expect(launch({ sandbox: 'danger-full-access' }).args).toEqual([
      '--approval-mode',
      'yolo',
      '--session-id',
      SESSION,
    ]);
    // --yolo and --approval-mode together are refused by the CLI: only the latter is used.
    expect(launch({ sandbox: 'danger-full-access' }).args).not.toContain('--yolo');
  });

  it('passes -m; ignores the effort (Gemini has no such flag)', () => {
    const spec = launch({ model: 'gemini-2.5-pro', effort: 'max', sandbox: 'read-only' });
    expect(spec.args).toEqual([
      '-m',
      'gemini-2.5-pro',
      '--approval-mode',
      'plan',
      '--session-id',
      SESSION,
    ]);
    expect(spec).toEqual({
      program: 'gemini',
      args: spec.args,
      env: {},
      settings: undefined,
      model: 'gemini-2.5-pro',
      effort: null,
      sessionId: SESSION,
    });
    expect(launch({}).model).toBeNull();
    expect(launch({}).args).not.toContain('-m');
  });

  it('resume replaces --session-id (the CLI refuses both)', () => {
    const spec = launch({ resume: true, sandbox: 'danger-full-access' });
    expect(spec.args).toEqual(['--approval-mode', 'yolo', '--resume', SESSION]);
  });

  it('takes the prompt as the value of -i; commands, hooks and install hint', () => {
    expect(geminiBackend.promptFlag).toBe('-i');
    expect(claudeBackend.promptFlag).toBeUndefined();
    expect(codexBackend.promptFlag).toBeUndefined();
    expect(geminiBackend).toMatchObject({
      name: 'gemini',
      programName: 'gemini',
      installHint: 'npm install -g @google/gemini-cli',
      versionArgs: ['--version'],
      relaysHooks: false,
      clearCommand: '/clear',
      usageCommand: '/stats',
    });
  });

  it('reads the screens seen in tmux with 0.61.0', () => {
    const box = [
      '─'.repeat(40),
      ' auto-accept edits Shift+Tab to plan',
      '',
      ' >   Type your message or @path/to/file',
    ];
    expect(screenState(box.join('\n'), geminiScreen)).toBe('ready');
    const thinking = [' ⠧ Thinking... (esc to cancel, 1s)          ? for shortcuts', ...box];
    expect(screenState(thinking.join('\n'), geminiScreen)).toBe('busy');
    const trust = [
      ' │ Do you trust the files in this folder?  │',
      ' │ ● 1. Trust folder (project) │',
    ];
    expect(screenState(trust.join('\n'), geminiScreen)).toBe('trust');
    expect(screenState(['│  Session Stats   │', ...box].join('\n'), geminiScreen)).toBe('usage');
    expect(screenState('Apply this change?', geminiScreen)).toBe('permission');
  });
});

describe('prompt on the command line', () => {
  // planStart only reads the home, the settings path and PATH (the CLI need not be installed).
  const ctx = {
    paths: { home: '/tmp/cc-home', settings: (id: string) => `/tmp/cc-home/jobs/${id}.json` },
    env: { PATH: '' },
  } as unknown as EngineContext;
  const plan = (agent: string, prompt: string) =>
    planStart(ctx, { prompt, agent, cwd: tmpdir() }, 'dry-run', false);

  it('goes after -- for claude and codex, as the value of -i for gemini', async () => {
    for (const agent of ['claude', 'codex']) {
      const p = await plan(agent, '-v flag docs');
      expect(p.delivery).toBe('argv');
      expect(p.argv.slice(-2)).toEqual(['--', '-v flag docs']);
    }
    const g = await plan('gemini', 'Review auth');
    expect(g.delivery).toBe('argv');
    expect(g.argv).toEqual(['gemini', ...g.spec.args, '-i', 'Review auth']);
  });

  it('a gemini prompt that starts with a dash is pasted (-i would read it as a flag)', async () => {
    const g = await plan('gemini', '-v flag docs');
    expect(g.delivery).toBe('paste');
    expect(g.argv).toEqual(['gemini', ...g.spec.args]);
    expect(g.prompt).toBe('-v flag docs');
  });
});

describe('backend registry', () => {
  it('knows claude, codex, gemini and demo; anything else is bad input', () => {
    expect(backendFor('claude')).toBe(claudeBackend);
    expect(backendFor('codex')).toBe(codexBackend);
    expect(backendFor('gemini')).toBe(geminiBackend);
    expect(backendFor('demo')).toBe(demoBackend);
    expect(() => backendFor('aider')).toThrow(
      expect.objectContaining({
        code: 'bad_input',
        message: "unknown agent 'aider' (expected one of: claude, codex, gemini, demo)",
      }),
    );
  });
});
