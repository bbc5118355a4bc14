import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';
import { READY } from '../helpers/jobs.js';
import { killTmuxServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait-for.js';

const AGENT = join(repoRoot, 'dist', 'demo-agent', 'main.js');

interface Payload {
  hook_event_name: string;
  session_id: string;
  transcript_path: string;
  source?: string;
  tool_name?: string;
  prompt?: string;
  last_assistant_message?: string;
  reason?: string;
}

/**
 * The simulated agent on its own (no cc-agent in between), in real tmux, with hooks that log
 * every payload: the behaviour the rest of the suite relies on, checked directly.
 */
describe('the simulated agent behaves like Claude Code', () => {
  const base = mkdtempSync(join(tmpdir(), 'cc-demo-agent-'));
  const socket = `cc-test-demo-${process.pid}`;
  const work = join(base, 'work dir');
  const config = join(base, 'config');
  let n = 0;
  // One log per launched agent: earlier agents keep running and keep firing hooks.
  const log = () => join(base, `hooks-${n}.jsonl`);
  const tmux = (...args: string[]) =>
    spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    mkdirSync(work, { recursive: true });
    mkdirSync(config, { recursive: true });
    const logHook = { type: 'command', command: 'cat >> "$HOOK_LOG"; echo >> "$HOOK_LOG"' };
    const blockWrites = {
      type: 'command',
      command: `grep -q blocked.txt && { echo 'no writes to blocked.txt' >&2; exit 2; }; exit 0`,
    };
    const events = [
      'SessionStart',
      'SessionEnd',
      'UserPromptSubmit',
      'PreToolUse',
      'PostToolUse',
      'PostToolUseFailure',
      'Stop',
      'PreCompact',
      'PermissionRequest',
      'Notification',
    ];
    const hooks: Record<string, unknown[]> = Object.fromEntries(
      events.map((e) => [e, [{ hooks: [logHook] }]]),
    );
    hooks['PreToolUse']?.push({ matcher: 'Write|Edit', hooks: [blockWrites] });
    writeFileSync(join(config, 'settings.json'), JSON.stringify({ hooks }));
  });
  afterAll(() => {
    killTmuxServer(socket);
    rmSync(base, { recursive: true, force: true, maxRetries: 5 });
  });

  const payloads = (): Payload[] =>
    existsSync(log())
      ? readFileSync(log(), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Payload)
      : [];
  const screen = () => tmux('capture-pane', '-p', '-t', `=a${n}:`).stdout;
  const waitScreen = (text: string) => waitFor(() => screen().includes(text), `screen: ${text}`);
  const waitEvents = (count: number) =>
    waitFor(() => (payloads().length >= count ? payloads() : undefined), `${count} hook events`);

  function launch(args: string[], env: Record<string, string> = {}): void {
    n++;
    const e = Object.entries({
      CLAUDE_CONFIG_DIR: config,
      CC_DEMO_SPEED: '4',
      HOOK_LOG: log(),
      ...env,
    }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const r = tmux(
      'new-session',
      '-d',
      '-s',
      `a${n}`,
      '-x',
      '150',
      '-y',
      '40',
      '-c',
      work,
      ...e,
      '--',
      process.execPath,
      AGENT,
      ...args,
    );
    expect(r.status, r.stderr).toBe(0);
  }

  it('a turn with a tool fires SessionStart, UserPromptSubmit, PreToolUse, PostToolUse, Stop', async () => {
    launch([
      '--permission-mode',
      'acceptEdits',
      '--',
      '-go [[write "made.txt" "hi"]] [[say "ok"]]',
    ]);
    const got = await waitEvents(5);
    expect(got.map((p) => p.hook_event_name)).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PostToolUse',
      'Stop',
    ]);
    expect(got[0]?.source).toBe('startup');
    expect(got[1]?.prompt).toBe('-go [[write "made.txt" "hi"]] [[say "ok"]]');
    expect(got[2]?.tool_name).toBe('Write');
    expect(got[4]?.last_assistant_message).toBe('ok');
    expect(new Set(got.map((p) => p.session_id)).size).toBe(1);
    expect(readFileSync(join(work, 'made.txt'), 'utf8')).toBe('hi');
    // The transcript carries usage on assistant records, where cc-agent reads tokens from.
    const records = readFileSync(got[0]?.transcript_path as string, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; message?: { usage?: Record<string, number> } });
    const usage = records.filter((r) => r.type === 'assistant').map((r) => r.message?.usage);
    expect(usage.length).toBe(2);
    expect(usage.every((u) => (u?.['output_tokens'] ?? 0) > 0)).toBe(true);
    await waitFor(() => READY.test(screen()), 'the prompt');
  });

  it('a PreToolUse hook exiting 2 blocks the tool; the turn still ends with Stop', async () => {
    launch(['--permission-mode', 'acceptEdits', '--', '[[write "blocked.txt" "x"]]']);
    const got = await waitEvents(4);
    expect(got.map((p) => p.hook_event_name)).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'Stop',
    ]);
    expect(existsSync(join(work, 'blocked.txt'))).toBe(false);
    await waitScreen('no writes to blocked.txt');
  });

  it('Escape interrupts a turn with no Stop; /compact keeps the id; /clear starts a new one', async () => {
    launch(['--', '[[work 60]]']);
    await waitScreen('esc to interrupt');
    tmux('send-keys', '-t', `=a${n}:`, 'Escape');
    await waitScreen('Interrupted');
    await waitFor(() => READY.test(screen()), 'the prompt');
    tmux('send-keys', '-t', `=a${n}:`, '-l', '/compact keep it short');
    tmux('send-keys', '-t', `=a${n}:`, 'Enter');
    await waitScreen('Conversation compacted');
    tmux('send-keys', '-t', `=a${n}:`, '-l', '/clear');
    tmux('send-keys', '-t', `=a${n}:`, 'Enter');
    const got = await waitEvents(6);
    expect(got.map((p) => [p.hook_event_name, p.source ?? p.reason ?? ''])).toEqual([
      ['SessionStart', 'startup'],
      ['UserPromptSubmit', ''],
      ['PreCompact', ''],
      ['SessionStart', 'compact'],
      ['SessionEnd', 'clear'],
      ['SessionStart', 'clear'],
    ]);
    expect(got[3]?.session_id).toBe(got[0]?.session_id);
    expect(got[5]?.session_id).not.toBe(got[0]?.session_id);
  });

  it('a permission dialog fires PermissionRequest, then Notification; answering 1 runs the tool', async () => {
    launch(['--permission-mode', 'default', '--', '[[bash "echo ran > ran.txt"]]'], {
      CC_DEMO_NOTIFY_DELAY_MS: '100',
    });
    await waitScreen('Do you want to proceed?');
    const asked = await waitEvents(5);
    expect(asked.map((p) => p.hook_event_name)).toEqual([
      'SessionStart',
      'UserPromptSubmit',
      'PreToolUse',
      'PermissionRequest',
      'Notification',
    ]);
    tmux('send-keys', '-t', `=a${n}:`, '1');
    const got = await waitEvents(7);
    expect(got.slice(5).map((p) => p.hook_event_name)).toEqual(['PostToolUse', 'Stop']);
    expect(readFileSync(join(work, 'ran.txt'), 'utf8')).toBe('ran\n');
  });

  it('/exit ends the session with SessionEnd and exit code 0', async () => {
    launch(['--', 'hello']);
    await waitEvents(3);
    tmux('send-keys', '-t', `=a${n}:`, '-l', '/exit');
    tmux('send-keys', '-t', `=a${n}:`, 'Enter');
    const got = await waitEvents(4);
    expect(got[3]).toMatchObject({ hook_event_name: 'SessionEnd', reason: 'prompt_input_exit' });
  });

  it('Escape stops a running Bash command and its children at once', async () => {
    launch(['--permission-mode', 'bypassPermissions', '--', '[[bash "sleep 120; echo late"]]']);
    await waitScreen('Bash(sleep 120; echo late)');
    tmux('send-keys', '-t', `=a${n}:`, 'Escape');
    await waitScreen('Interrupted');
    expect(payloads().map((p) => p.hook_event_name)).not.toContain('Stop');
  });

  it('messages queued during a turn run after it, also behind a slash command', async () => {
    launch(['--', '[[work 2]] first']);
    await waitScreen('esc to interrupt');
    for (const text of ['/context', 'second']) {
      tmux('send-keys', '-t', `=a${n}:`, '-l', text);
      tmux('send-keys', '-t', `=a${n}:`, 'Enter');
    }
    await waitScreen('queued: second');
    const got = await waitFor(() => {
      const p = payloads().filter((x) => x.hook_event_name === 'UserPromptSubmit');
      return p.length >= 2 ? p : undefined;
    }, 'the queued prompt to be submitted');
    expect(got.map((p) => p.prompt)).toEqual(['[[work 2]] first', 'second']);
    await waitScreen('Context:');
  });

  it('skipping permissions asks to accept the risk unless settings say not to', async () => {
    launch(['--dangerously-skip-permissions', '--', 'hi']);
    await waitScreen('Bypass Permissions mode');
    expect(payloads()).toEqual([]);
    tmux('send-keys', '-t', `=a${n}:`, '2');
    await waitEvents(3);
    launch([
      '--dangerously-skip-permissions',
      '--settings',
      '{"skipDangerousModePermissionPrompt":true}',
      '--',
      'hi',
    ]);
    const got = await waitEvents(3);
    expect(got.map((p) => p.hook_event_name)).toEqual(['SessionStart', 'UserPromptSubmit', 'Stop']);
  });
});
