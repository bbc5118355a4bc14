import { afterEach, describe, expect, it } from 'vitest';
import { runTurn, say } from '../../src/demo-agent/turn.js';
import { demoRig, transcriptRecords, type DemoRig } from '../helpers/demo-app.js';

let rig: DemoRig | undefined;
afterEach(() => {
  rig?.cleanup();
  rig = undefined;
});
const open = (argv: string[] = ['--dangerously-skip-permissions']): DemoRig =>
  (rig = demoRig(argv));

const events = (r: DemoRig): unknown[] => r.hooks().map((h) => h['hook_event_name']);
const records = (r: DemoRig) => transcriptRecords(r.session.transcript.path);
const assistantText = (r: DemoRig): string[] =>
  records(r)
    .filter((x) => x['type'] === 'assistant')
    .map((x) => {
      const content = (x['message'] as { content: { type: string; text?: string }[] }).content;
      return content.map((c) => c.text ?? `<${c.type}>`).join('');
    });

describe('demo-agent say', () => {
  it('draws a bullet, continuation lines indented two spaces', () => {
    const r = open();
    say(r.app, 'first\nsecond\n\nfourth');
    expect(r.committed()).toEqual(['● first', '  second', '  ', '  fourth']);
  });
});

describe('demo-agent runTurn', () => {
  it('a plain prompt: UserPromptSubmit, a "Done:" reply, Stop, and the transcript records', async () => {
    const r = open();
    await runTurn(r.app, 'fix the bug in parser.ts\nand add a test');
    expect(events(r)).toEqual(['UserPromptSubmit', 'Stop']);
    const stop = r.hooksOf('Stop')[0];
    expect(stop).toMatchObject({
      last_assistant_message: 'Done: fix the bug in parser.ts',
      stop_hook_active: false,
      effort: { level: 'medium' },
      background_tasks: [],
      session_crons: [],
      permission_mode: 'bypassPermissions',
    });
    expect(stop?.['prompt_id']).toBe(r.session.promptId);
    expect(r.committed()).toEqual([
      '',
      '❯ fix the bug in parser.ts … +1 lines',
      '● Done: fix the bug in parser.ts',
    ]);
    const types = records(r).map(
      (x) => `${String(x['type'])}${x['subtype'] ? `:${String(x['subtype'])}` : ''}`,
    );
    expect(types).toEqual(['user', 'assistant', 'system:turn_duration']);
    expect(records(r)[0]).toMatchObject({
      promptId: r.session.promptId,
      permissionMode: 'bypassPermissions',
      message: { content: 'fix the bug in parser.ts\nand add a test' },
    });
    expect(r.session.totals.turns).toBe(1);
    expect(r.app.busy).toBe(false);
  });

  it('[[say]] replies are joined into one assistant message; text without directives is not said', async () => {
    const r = open();
    await runTurn(r.app, 'greet [[say "Hello, wörld"]] then [[say "second\\nline"]]');
    expect(assistantText(r)).toEqual(['Hello, wörld\n\nsecond\nline']);
    expect(r.hooksOf('Stop')[0]?.['last_assistant_message']).toBe('Hello, wörld\n\nsecond\nline');
    expect(r.committed().filter((l) => l.startsWith('●') || l.startsWith('  '))).toEqual([
      '● Hello, wörld',
      '● second',
      '  line',
    ]);
  });

  it('[[done]] and [[echo]] add their lines to the reply', async () => {
    const r = open();
    await runTurn(r.app, '[[done "all green"]] [[echo]]');
    expect(assistantText(r)).toEqual([
      '[cc-agent:done] all green\n\n[[done "all green"]] [[echo]]',
    ]);
    rig?.cleanup();
    const r2 = open();
    await runTurn(r2.app, '[[done]]');
    expect(assistantText(r2)).toEqual(['[cc-agent:done]']);
  });

  it('a prompt shows only its first 300 characters on the echo line', async () => {
    const r = open();
    await runTurn(r.app, 'ü'.repeat(500));
    expect(r.committed()[1]).toBe(`❯ ${'ü'.repeat(300)}`);
  });

  it('a blocking UserPromptSubmit hook ends the turn before anything is written', async () => {
    rig = demoRig(['--dangerously-skip-permissions'], {
      UserPromptSubmit: [
        { hooks: [{ type: 'command', command: 'echo "policy says no" >&2; exit 2' }] },
      ],
    });
    await runTurn(rig.app, 'do it');
    expect(rig.committed()).toEqual([
      '  ⎿  UserPromptSubmit operation blocked by hook: policy says no',
    ]);
    expect(records(rig)).toEqual([]);
    expect(events(rig)).toEqual(['UserPromptSubmit']);
    expect(rig.session.totals.turns).toBe(0);
    expect(rig.app.busy).toBe(false);
  });

  it('[[error]] ends the turn with StopFailure and no Stop or reply', async () => {
    const r = open();
    await runTurn(r.app, '[[say early]] [[error rate_limit]] [[say never]]');
    expect(events(r)).toEqual(['UserPromptSubmit', 'StopFailure']);
    expect(r.hooksOf('StopFailure')[0]?.['error']).toBe('rate_limit');
    expect(r.committed()).toContain('  ⎿  API Error: rate_limit');
    expect(r.committed()).not.toContain('● never');
    expect(assistantText(r)).toEqual([]);
  });

  it('[[exit N]] exits with the code clamped to 0-255; non-zero is a crash', async () => {
    const r = open();
    await runTurn(r.app, '[[exit 3]]');
    await runTurn(r.app, '[[exit 0]]');
    await runTurn(r.app, '[[exit 999]]');
    await runTurn(r.app, '[[exit 2.7]]');
    await runTurn(r.app, '[[exit -4]]');
    expect(r.exits).toEqual([
      [3, 'crash'],
      [0, 'other'],
      [255, 'crash'],
      [2, 'crash'],
      [0, 'other'],
    ]);
    expect(r.hooksOf('Stop')).toEqual([]);
  });

  it('an interrupt (Escape) ends the turn without Stop, saying so', async () => {
    const r = open();
    const turn = runTurn(r.app, '[[work 30]] [[say unreachable]]');
    r.app.onKey({ kind: 'escape' });
    await turn;
    expect(r.committed().at(-1)).toBe('  ⎿  Interrupted · What should Claude do instead?');
    expect(events(r)).toEqual(['UserPromptSubmit']);
    expect(assistantText(r)).toEqual([]);
    expect(r.app.busy).toBe(false);
  });

  it('[[context N]] sets the context share the reply reports', async () => {
    const r = open(['--dangerously-skip-permissions', '--model', 'claude-sonnet-4-5']);
    await runTurn(r.app, '[[context 73]] [[say ok]]');
    expect(r.session.contextPct()).toBe(73);
    const usage = (records(r)[1]?.['message'] as { usage: Record<string, number> }).usage;
    expect((usage['input_tokens'] ?? 0) + (usage['cache_read_input_tokens'] ?? 0)).toBe(146_000);
  });

  it('[[background N]] is reported by Stop as a running shell', async () => {
    const r = open();
    await runTurn(r.app, '[[background 30]]');
    const tasks = r.hooksOf('Stop')[0]?.['background_tasks'] as Record<string, string>[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'shell', command: 'sleep 30', status: 'running' });
    expect(tasks[0]?.['id']).toMatch(/^bash_1_\d+$/);
    expect(r.committed()).toContain('● Bash(sleep 30) running in the background');
  });
});
