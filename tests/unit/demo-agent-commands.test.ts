import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, slashCommand } from '../../src/demo-agent/commands.js';
import { demoRig, plain, transcriptRecords, type DemoRig } from '../helpers/demo-app.js';

let rig: DemoRig | undefined;
afterEach(() => {
  rig?.cleanup();
  rig = undefined;
});
const open = (argv: string[] = []): DemoRig => (rig = demoRig(argv));

describe('demo-agent slashCommand', () => {
  it('splits the command word from the rest, trimmed', () => {
    expect(slashCommand('/compact')).toEqual({ name: 'compact', rest: '' });
    expect(slashCommand('  /compact   keep the API notes  ')).toEqual({
      name: 'compact',
      rest: 'keep the API notes',
    });
    expect(slashCommand('/compact line one\nline two')).toEqual({
      name: 'compact',
      rest: 'line one\nline two',
    });
  });

  it('does not take a path or ordinary text for a command', () => {
    expect(slashCommand('/tmp/x is full')).toBeUndefined();
    expect(slashCommand('please /clear')).toBeUndefined();
    expect(slashCommand('/Clear')).toBeUndefined();
    expect(slashCommand('/')).toBeUndefined();
    expect(slashCommand('')).toBeUndefined();
    expect(slashCommand('/über')).toBeUndefined();
  });

  it('accepts hyphenated names and unknown ones (runCommand answers those)', () => {
    expect(slashCommand('/release-notes')).toEqual({ name: 'release-notes', rest: '' });
    expect(slashCommand('/nope 1 2')).toEqual({ name: 'nope', rest: '1 2' });
  });
});

describe('demo-agent runCommand', () => {
  it('echoes the command and says so for an unknown one', async () => {
    const r = open();
    await runCommand(r.app, 'frobnicate', 'now');
    expect(r.committed()).toEqual([
      '',
      '❯ /frobnicate now',
      '  ⎿  Unknown slash command: /frobnicate',
    ]);
    expect(r.hooks()).toEqual([]);
  });

  it('/exit and its alias /quit exit 0 with prompt_input_exit', async () => {
    const r = open();
    await runCommand(r.app, 'exit', '');
    await runCommand(r.app, 'quit', '');
    expect(r.exits).toEqual([
      [0, 'prompt_input_exit'],
      [0, 'prompt_input_exit'],
    ]);
  });

  it('/clear ends the session, starts a new id and fires SessionStart clear for it', async () => {
    const r = open(['--session-id', '0b0e5b64-1f1b-4c2d-9b1a-5d6c7e8f9a0b']);
    const oldId = r.session.id;
    const oldPath = r.session.transcript.path;
    await runCommand(r.app, 'clear', '');
    const [end, start] = r.hooks();
    expect(end).toMatchObject({
      hook_event_name: 'SessionEnd',
      reason: 'clear',
      session_id: oldId,
      transcript_path: oldPath,
    });
    expect(start).toMatchObject({
      hook_event_name: 'SessionStart',
      source: 'clear',
      session_id: r.session.id,
    });
    expect(r.session.id).not.toBe(oldId);
    expect(start?.['transcript_path']).toBe(r.session.transcript.path);
    expect(r.committed().at(-1)).toBe('(conversation cleared)');
  });

  it('/reset and /new are /clear too', async () => {
    const r = open();
    await runCommand(r.app, 'reset', '');
    await runCommand(r.app, 'new', '');
    expect(
      r.hooks().map((h) => `${String(h['hook_event_name'])}:${String(h['reason'] ?? h['source'])}`),
    ).toEqual(['SessionEnd:clear', 'SessionStart:clear', 'SessionEnd:clear', 'SessionStart:clear']);
  });

  it('/compact keeps the id, writes a boundary and the summary, fires the compact hooks in order', async () => {
    const r = open();
    r.session.usage(2000, 'reply');
    r.session.totals.turns = 3;
    const id = r.session.id;
    const pre = r.session.contextTokens;
    await runCommand(r.app, 'compact', 'keep the API notes');
    expect(r.session.id).toBe(id);
    const summary = 'Summary of the conversation so far (3 turns).';
    expect(r.hooks().map((h) => h['hook_event_name'])).toEqual([
      'PreCompact',
      'SessionStart',
      'PostCompact',
    ]);
    expect(r.hooksOf('PreCompact')[0]).toMatchObject({
      trigger: 'manual',
      custom_instructions: 'keep the API notes',
    });
    expect(r.hooksOf('SessionStart')[0]).toMatchObject({ source: 'compact', session_id: id });
    expect(r.hooksOf('PostCompact')[0]).toMatchObject({
      trigger: 'manual',
      compact_summary: summary,
    });
    const records = transcriptRecords(r.session.transcript.path);
    expect(records.map((x) => `${String(x['type'])}:${String(x['subtype'] ?? '')}`)).toEqual([
      'system:compact_boundary',
      'user:',
    ]);
    expect(records[0]).toMatchObject({ compactMetadata: { trigger: 'manual', preTokens: pre } });
    expect(records[1]).toMatchObject({
      isCompactSummary: true,
      message: { role: 'user', content: summary },
    });
    expect(r.session.contextTokens).toBe(8000 + Math.ceil(summary.length / 4));
    expect(r.app.busy).toBe(false);
    expect(r.committed().at(-1)).toBe('✻ Conversation compacted (ctrl+o for history)');
  });

  it('/usage opens a dialog with the totals that Escape closes', async () => {
    const r = open(['--model', 'claude-opus-4-5', '--effort', 'high']);
    r.session.usage(1234, 'x'.repeat(4000));
    r.session.totals.turns = 2;
    const done = runCommand(r.app, 'cost', '');
    const dialog = r.app.dialog;
    expect(dialog?.options).toEqual([]);
    expect(dialog?.hint).toBe('Esc to close');
    const text = (dialog?.lines ?? []).map(plain);
    expect(text).toEqual([
      ' Session usage',
      `   Total cost:     $${((9234 * 5 + 1000 * 25) / 1e6).toFixed(4)}`,
      '   Tokens:         9,234 input · 1,000 output',
      '   Context:        5% of 200,000 tokens',
      '   Turns:          2',
      '   Model:          claude-opus-4-5 (effort high)',
    ]);
    r.app.onKey({ kind: 'escape' });
    await done;
    expect(r.app.dialog).toBeUndefined();
  });

  it('/context and /help answer in one committed block', async () => {
    const r = open();
    r.session.usage(42_000, 'ok');
    await runCommand(r.app, 'context', '');
    expect(r.committed().at(-1)).toBe('  ⎿  Context: 50,001 / 1,000,000 tokens (5%)');
    await runCommand(r.app, 'help', '');
    expect(r.committed().slice(-2)).toEqual([
      '  ⎿  Simulated Claude Code (cc-agent demo agent). Commands: /clear /compact /usage /cost',
      '     /context /exit. Directives: see docs/demo-agent.md.',
    ]);
  });
});
