import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/demo-agent/session.js';
import { projectDirName } from '../../src/demo-agent/transcript.js';
import { demoRig, transcriptRecords, type DemoRig } from '../helpers/demo-app.js';

let rig: DemoRig | undefined;
afterEach(() => {
  rig?.cleanup();
  rig = undefined;
});
const open = (argv: string[] = []): DemoRig => (rig = demoRig(argv));

const SID = '0b0e5b64-1f1b-4c2d-9b1a-5d6c7e8f9a0b';

describe('demo-agent Session: identity and transcript', () => {
  it('takes --session-id, writes under projects/<encoded cwd>/<id>.jsonl', () => {
    const { session, configDir, cwd } = open(['--session-id', SID]);
    expect(session.id).toBe(SID);
    expect(session.transcript.path).toBe(
      `${configDir}/projects/${projectDirName(cwd)}/${SID}.jsonl`,
    );
    // The folder name has a space: encoded as '-' like every other non-alphanumeric.
    expect(projectDirName(cwd).endsWith('-my-project')).toBe(true);
  });

  it('makes a fresh UUID without --session-id; --resume wins over --session-id', () => {
    expect(open().session.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    rig?.cleanup();
    const other = '11111111-2222-4333-8444-555555555555';
    expect(open(['--session-id', SID, '--resume', other]).session.id).toBe(other);
  });

  it('--resume picks up the context of the last assistant record', () => {
    const { session, configDir, cwd } = open(['--session-id', SID]);
    session.transcript.assistant(
      'opus',
      [{ type: 'text', text: 'hi' }],
      session.usage(100, 'x'.repeat(40)),
      'medium',
    );
    const resumed = new Session({ ...session.args, resume: SID }, session.settings, configDir, cwd);
    // input 100 + cache creation 8000 + cache read 0 + output 10.
    expect(resumed.contextTokens).toBe(8110);
    expect(resumed.transcript.path).toBe(session.transcript.path);
  });

  it('renew (/clear) gives a new id and transcript and forgets the context and approvals', () => {
    const { session } = open(['--session-id', SID]);
    session.usage(500, 'reply');
    session.newPrompt();
    session.allowedThisSession.add('Bash');
    const before = session.transcript.path;
    session.renew();
    expect(session.id).not.toBe(SID);
    expect(session.transcript.path).not.toBe(before);
    expect(session.transcript.path.endsWith(`${session.id}.jsonl`)).toBe(true);
    expect(session.contextTokens).toBe(0);
    expect(session.contextPct()).toBe(0);
    expect(session.promptId).toBeUndefined();
    expect(session.allowedThisSession.size).toBe(0);
    // Totals are the whole process's: they survive /clear.
    expect(session.totals.input).toBe(8500);
  });

  it('mode is bypassPermissions under --dangerously-skip-permissions, else the flag', () => {
    expect(open(['--permission-mode', 'plan']).session.mode).toBe('plan');
    rig?.cleanup();
    expect(open(['--dangerously-skip-permissions']).session.mode).toBe('bypassPermissions');
  });
});

describe('demo-agent Session: usage and context', () => {
  it('the first reply pays the 8000-token system prompt as cache creation', () => {
    const { session } = open(['--model', 'opus']);
    const u = session.usage(100, 'x'.repeat(40));
    expect(u).toEqual({
      input_tokens: 100,
      output_tokens: 10,
      cache_creation_input_tokens: 8000,
      cache_read_input_tokens: 0,
    });
    expect(session.contextTokens).toBe(8110);
    expect(session.totals).toEqual({
      input: 8100,
      output: 10,
      costUsd: (8100 * 5 + 10 * 25) / 1e6,
      turns: 0,
    });
    expect(session.window).toBe(1_000_000);
    expect(session.contextPct()).toBe(1); // 8100 / 1e6 rounds to 1%
  });

  it('later replies read the whole previous context from cache', () => {
    const { session } = open();
    session.usage(100, 'x'.repeat(40));
    const u = session.usage(50, 'abcd');
    expect(u).toEqual({
      input_tokens: 50,
      output_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 8110,
    });
    expect(session.contextTokens).toBe(8161);
    expect(session.totals.input).toBe(8150);
    expect(session.totals.output).toBe(11);
  });

  it('counts output tokens by UTF-8 bytes (4 a token, at least 1)', () => {
    const { session } = open();
    expect(session.usage(0, '').output_tokens).toBe(1);
    // 'é' is 2 bytes: 10 of them are 20 bytes, 5 tokens.
    expect(session.usage(0, 'é'.repeat(10)).output_tokens).toBe(5);
    expect(session.usage(0, '😀').output_tokens).toBe(1);
  });

  it('[[context PCT]] forces the context to that share of the window, clamped to 0-100', () => {
    const { session } = open(['--model', 'claude-opus-4-5']);
    expect(session.window).toBe(200_000);
    const u = session.usage(1000, 'ok', 40);
    expect(u.cache_read_input_tokens).toBe(79_000);
    expect(u.cache_creation_input_tokens).toBe(0);
    expect(session.contextPct()).toBe(40);
    session.usage(1000, 'ok', 250);
    expect(session.contextPct()).toBe(100);
    // Below the fresh tokens: nothing is read from cache, the fresh input alone counts.
    session.usage(1000, 'ok', -5);
    expect(session.contextPct()).toBe(1);
  });

  it('after /compact the context is the system prompt plus the summary', () => {
    const { session } = open();
    session.usage(100_000, 'long reply');
    session.compacted('s'.repeat(400));
    expect(session.contextTokens).toBe(8100);
    expect(session.contextPct()).toBe(0);
    // The next reply reads the compacted context from cache.
    expect(session.usage(10, 'x').cache_read_input_tokens).toBe(8100);
  });
});

describe('demo-agent Session: hooks', () => {
  it('sends the common fields; permission_mode only outside SessionStart/End', async () => {
    const r = open(['--session-id', SID, '--permission-mode', 'acceptEdits']);
    await r.session.hook('SessionStart', { source: 'startup' });
    const promptId = r.session.newPrompt();
    await r.session.hook('UserPromptSubmit', { prompt: 'héllo wörld' });
    const [start, submit] = r.hooks();
    expect(start).toEqual({
      session_id: SID,
      transcript_path: r.session.transcript.path,
      cwd: r.cwd,
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    expect(submit).toEqual({
      session_id: SID,
      transcript_path: r.session.transcript.path,
      cwd: r.cwd,
      prompt_id: promptId,
      permission_mode: 'acceptEdits',
      hook_event_name: 'UserPromptSubmit',
      prompt: 'héllo wörld',
    });
  });

  it('gives hooks CLAUDE_PROJECT_DIR and CLAUDE_CODE_SESSION_ID and runs them in the cwd', async () => {
    const r = open(['--session-id', SID]);
    const out = `${r.cwd}/env.txt`;
    r.session.settings.hooks['Stop'] = [
      {
        hooks: [
          {
            type: 'command',
            command: `printf '%s|%s|%s' "$CLAUDE_PROJECT_DIR" "$CLAUDE_CODE_SESSION_ID" "$PWD" > '${out}'`,
          },
        ],
      },
    ];
    await r.session.hook('Stop');
    expect(readFileSync(out, 'utf8')).toBe(`${r.cwd}|${SID}|${r.cwd}`);
  });

  it('a hook exiting 2 blocks, with its stderr as the reason', async () => {
    const r = open();
    r.session.settings.hooks['UserPromptSubmit'] = [
      { hooks: [{ type: 'command', command: 'echo "no prompts today" >&2; exit 2' }] },
    ];
    expect(await r.session.hook('UserPromptSubmit', { prompt: 'x' })).toEqual({
      blocked: true,
      reason: 'no prompts today',
    });
    expect(transcriptRecords(r.session.transcript.path)).toEqual([]);
  });
});
