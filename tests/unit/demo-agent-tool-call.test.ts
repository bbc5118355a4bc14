import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runToolCall } from '../../src/demo-agent/tool-call.js';
import type { TurnState } from '../../src/demo-agent/turn.js';
import { demoRig, transcriptRecords, type DemoRig } from '../helpers/demo-app.js';
import { waitFor } from '../helpers/wait-for.js';

let rig: DemoRig | undefined;
afterEach(() => {
  rig?.cleanup();
  rig = undefined;
});

const state = (): TurnState => ({
  prompt: 'p',
  text: 'p',
  replies: [],
  fresh: 100,
  pct: undefined,
});
const call = (r: DemoRig, tool: string, input: Record<string, string>, s = state()) =>
  runToolCall(r.app, s, tool, input, new AbortController().signal, 0);
const events = (r: DemoRig): unknown[] => r.hooks().map((h) => h['hook_event_name']);

/** The tool_result the transcript holds for the last call. */
function lastResult(r: DemoRig): { content: string; is_error: boolean; tool_use_id: string } {
  const users = transcriptRecords(r.session.transcript.path).filter((x) => x['type'] === 'user');
  const content = (users.at(-1)?.['message'] as { content: unknown[] }).content;
  return content[0] as { content: string; is_error: boolean; tool_use_id: string };
}

describe('demo-agent runToolCall: allowed', () => {
  it('runs Bash for real between PreToolUse and PostToolUse, with one tool_use id throughout', async () => {
    const r = (rig = demoRig(['--dangerously-skip-permissions']));
    const s = state();
    expect(
      await call(r, 'Bash', { command: "printf 'ça va'", description: 'Run command' }, s),
    ).toBe('ok');
    expect(events(r)).toEqual(['PreToolUse', 'PostToolUse']);
    const [pre, post] = r.hooks();
    const id = pre?.['tool_use_id'] as string;
    expect(id).toMatch(/^toolu_[0-9a-f]{24}$/);
    expect(post).toMatchObject({
      tool_name: 'Bash',
      tool_use_id: id,
      tool_input: { command: "printf 'ça va'" },
    });
    expect(typeof post?.['duration_ms']).toBe('number');
    const records = transcriptRecords(r.session.transcript.path);
    const use = (records[0]?.['message'] as { content: Record<string, unknown>[] }).content[0];
    expect(use).toEqual({
      type: 'tool_use',
      id,
      name: 'Bash',
      input: { command: "printf 'ça va'", description: 'Run command' },
    });
    expect(lastResult(r)).toMatchObject({ tool_use_id: id, is_error: false });
    expect(lastResult(r).content).toContain('ça va');
    // The prompt's fresh tokens went with the tool_use; the result's are counted for the next.
    expect(s.fresh).toBe(Math.ceil(Buffer.byteLength(lastResult(r).content) / 4));
    expect(r.committed()[0]).toBe("● Bash(printf 'ça va')");
  });

  it('Write and Edit change the file in the cwd (a folder with a space)', async () => {
    const r = (rig = demoRig(['--permission-mode', 'acceptEdits']));
    expect(await call(r, 'Write', { file_path: 'notes/a b.txt', content: 'one\ntwo\n' })).toBe(
      'ok',
    );
    expect(readFileSync(join(r.cwd, 'notes', 'a b.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(
      await call(r, 'Edit', { file_path: 'notes/a b.txt', old_string: 'two', new_string: '$& 2' }),
    ).toBe('ok');
    expect(readFileSync(join(r.cwd, 'notes', 'a b.txt'), 'utf8')).toBe('one\n$& 2\n');
    expect(r.committed()).toEqual([
      '● Write(notes/a b.txt)',
      '  ⎿  Wrote 3 lines to notes/a b.txt',
      '● Edit(notes/a b.txt)',
      '  ⎿  Updated notes/a b.txt',
    ]);
  });

  it('a failing tool fires PostToolUseFailure and records an error result', async () => {
    const r = (rig = demoRig(['--dangerously-skip-permissions']));
    await call(r, 'Edit', { file_path: 'missing.txt', old_string: 'a', new_string: 'b' });
    expect(events(r)).toEqual(['PreToolUse', 'PostToolUseFailure']);
    const failure = r.hooksOf('PostToolUseFailure')[0];
    expect(failure?.['is_interrupt']).toBe(false);
    expect(String(failure?.['error'])).toMatch(/ENOENT/);
    expect(lastResult(r).is_error).toBe(true);
  });

  it('Task fires SubagentStart and SubagentStop around the work', async () => {
    const r = (rig = demoRig(['--dangerously-skip-permissions']));
    await call(r, 'Task', {
      description: 'research',
      prompt: 'research',
      subagent_type: 'general',
    });
    expect(events(r)).toEqual(['PreToolUse', 'SubagentStart', 'SubagentStop', 'PostToolUse']);
    expect(r.hooksOf('SubagentStart')[0]).toMatchObject({ agent_type: 'general' });
    expect(r.hooksOf('SubagentStop')[0]?.['agent_id']).toBe(
      r.hooksOf('PreToolUse')[0]?.['tool_use_id'],
    );
  });

  it('shortens a long command on the tool line to 80 characters', async () => {
    const r = (rig = demoRig(['--dangerously-skip-permissions']));
    const command = `echo ${'x'.repeat(200)}\necho second`;
    await call(r, 'Bash', { command });
    expect(r.committed()[0]).toBe(`● Bash(echo ${'x'.repeat(74)}…)`);
  });
});

describe('demo-agent runToolCall: refused', () => {
  it('a tool outside --tools is unavailable: no hooks, no transcript, 20 tokens of error', async () => {
    const r = (rig = demoRig(['--tools', 'Read']));
    const s = state();
    expect(await call(r, 'Bash', { command: 'ls' }, s)).toBe('ok');
    expect(r.committed()).toEqual(['● Bash(ls)', '  ⎿  Error: No such tool available: Bash']);
    expect(r.hooks()).toEqual([]);
    expect(transcriptRecords(r.session.transcript.path)).toEqual([]);
    expect(s.fresh).toBe(120);
  });

  it('a PreToolUse hook exiting 2 blocks the tool, its reason in the result', async () => {
    rig = demoRig(['--dangerously-skip-permissions'], {
      PreToolUse: [
        { matcher: 'Write', hooks: [{ type: 'command', command: 'echo "not here" >&2; exit 2' }] },
      ],
    });
    const r = rig;
    expect(await call(r, 'Write', { file_path: 'x.txt', content: 'x' })).toBe('ok');
    expect(() => readFileSync(join(r.cwd, 'x.txt'))).toThrow(/ENOENT/);
    expect(r.committed()).toContain('  ⎿  PreToolUse:Write hook blocked this: not here');
    expect(lastResult(r)).toMatchObject({ content: 'Blocked by hook: not here', is_error: true });
    expect(events(r)).toEqual(['PreToolUse']);
  });

  it('plan mode denies an edit: PermissionDenied with the mode, nothing written', async () => {
    const r = (rig = demoRig(['--permission-mode', 'plan']));
    await call(r, 'Write', { file_path: 'x.txt', content: 'x' });
    expect(events(r)).toEqual(['PreToolUse', 'PermissionDenied']);
    expect(r.hooksOf('PermissionDenied')[0]?.['reason']).toBe('permission mode plan');
    expect(lastResult(r)).toMatchObject({ content: 'Permission denied', is_error: true });
  });
});

describe('demo-agent runToolCall: the permission dialog', () => {
  it('"Yes, and don\'t ask again" runs the tool and allows it for the session', async () => {
    const r = (rig = demoRig(['--permission-mode', 'default']));
    writeFileSync(join(r.cwd, 'f.txt'), 'old');
    const done = call(r, 'Write', { file_path: 'f.txt', content: 'new' });
    await waitFor(() => r.app.dialog, 'the permission dialog');
    expect(r.app.dialog?.options).toEqual([
      'Yes',
      `Yes, and don't ask again for Write in ${r.cwd}`,
      'No, and tell Claude what to do differently (esc)',
    ]);
    r.app.onKey({ kind: 'text', text: '2' });
    expect(await done).toBe('ok');
    expect(readFileSync(join(r.cwd, 'f.txt'), 'utf8')).toBe('new');
    expect(r.session.allowedThisSession.has('Write')).toBe(true);
    await waitFor(() => r.hooksOf('PermissionRequest').length === 1, 'PermissionRequest');
    expect(r.hooksOf('PermissionRequest')[0]).toMatchObject({
      tool_name: 'Write',
      permission_suggestions: [{ type: 'addRules', behavior: 'allow', destination: 'session' }],
    });
  });

  it('Escape rejects: the turn ends, the tool never runs, no PostToolUse', async () => {
    const r = (rig = demoRig(['--permission-mode', 'default']));
    const done = call(r, 'Bash', { command: `touch '${join(r.cwd, 'made')}'` });
    await waitFor(() => r.app.dialog, 'the permission dialog');
    r.app.onKey({ kind: 'escape' });
    expect(await done).toBe('end');
    expect(() => readFileSync(join(r.cwd, 'made'))).toThrow(/ENOENT/);
    expect(r.committed().at(-1)).toBe('  ⎿  User rejected the tool use');
    expect(r.hooksOf('PostToolUse')).toEqual([]);
    expect(r.session.allowedThisSession.size).toBe(0);
    // Fired without waiting: let it land before the folder goes.
    await waitFor(() => r.hooksOf('PermissionRequest').length === 1, 'PermissionRequest');
  });
});
