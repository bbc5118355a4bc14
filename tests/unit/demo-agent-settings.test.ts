import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArgError } from '../../src/demo-agent/args.js';
import { loadSettings, type HookGroup } from '../../src/demo-agent/settings.js';

const group = (command: string, matcher?: string): HookGroup => ({
  ...(matcher === undefined ? {} : { matcher }),
  hooks: [{ type: 'command', command }],
});

describe('demo-agent loadSettings', () => {
  let dir: string;
  let configDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent demo-settings-'));
    configDir = join(dir, 'config');
    mkdirSync(configDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const userSettings = (value: unknown) =>
    writeFileSync(
      join(configDir, 'settings.json'),
      typeof value === 'string' ? value : JSON.stringify(value),
    );

  /** loadSettings' ArgError (fails the test when it does not throw one). */
  function argError(extra: string[]): ArgError {
    try {
      loadSettings(configDir, extra);
    } catch (e) {
      expect(e).toBeInstanceOf(ArgError);
      return e as ArgError;
    }
    throw new Error('loadSettings did not throw');
  }

  it('is empty without any settings', () => {
    expect(loadSettings(configDir, [])).toEqual({
      hooks: {},
      skipDangerousModePermissionPrompt: false,
    });
    expect(loadSettings(join(dir, 'no-such-config'), [])).toEqual({
      hooks: {},
      skipDangerousModePermissionPrompt: false,
    });
  });

  it('reads hooks from $configDir/settings.json', () => {
    userSettings({ hooks: { Stop: [group('echo user')] }, model: 'ignored' });
    expect(loadSettings(configDir, []).hooks).toEqual({ Stop: [group('echo user')] });
  });

  it('adds hooks from settings.json, a --settings JSON string and a --settings file, in order', () => {
    userSettings({
      hooks: { Stop: [group('user-stop')], PreToolUse: [group('user-pre', 'Bash')] },
    });
    const file = join(dir, 'launch settings.json');
    writeFileSync(
      file,
      JSON.stringify({ hooks: { Stop: [group('file-stop')], SessionStart: [group('file-ss')] } }),
    );
    const json = JSON.stringify({
      hooks: { Stop: [group('json-stop')], PreToolUse: [group('json-pre', 'Write|Edit')] },
    });
    const s = loadSettings(configDir, [json, file]);
    expect(s.hooks).toEqual({
      Stop: [group('user-stop'), group('json-stop'), group('file-stop')],
      PreToolUse: [group('user-pre', 'Bash'), group('json-pre', 'Write|Edit')],
      SessionStart: [group('file-ss')],
    });
  });

  it('keeps the same hook twice when two sources both register it', () => {
    const json = JSON.stringify({ hooks: { Stop: [group('same')] } });
    expect(loadSettings(configDir, [json, json]).hooks['Stop']).toEqual([
      group('same'),
      group('same'),
    ]);
  });

  it('accepts a --settings JSON string with surrounding whitespace', () => {
    const s = loadSettings(configDir, [
      `\n  ${JSON.stringify({ hooks: { Stop: [group('x')] } })}  `,
    ]);
    expect(s.hooks['Stop']).toEqual([group('x')]);
  });

  it('drops malformed hook entries and non-object settings', () => {
    const s = loadSettings(configDir, [
      JSON.stringify({
        hooks: {
          Stop: [group('good'), { matcher: 'x' }, null, { hooks: 'nope' }],
          PreToolUse: 'not a list',
        },
      }),
      JSON.stringify({ hooks: 'not an object' }),
      '{}',
    ]);
    expect(s.hooks).toEqual({ Stop: [group('good')] });
  });

  it('reads skipDangerousModePermissionPrompt from any source, only when exactly true', () => {
    expect(loadSettings(configDir, ['{"skipDangerousModePermissionPrompt":"yes"}'])).toMatchObject({
      skipDangerousModePermissionPrompt: false,
    });
    expect(
      loadSettings(configDir, ['{"skipDangerousModePermissionPrompt":true}', '{}'])
        .skipDangerousModePermissionPrompt,
    ).toBe(true);
    userSettings({ skipDangerousModePermissionPrompt: true });
    expect(loadSettings(configDir, []).skipDangerousModePermissionPrompt).toBe(true);
    // A later source cannot switch it back off.
    expect(
      loadSettings(configDir, ['{"skipDangerousModePermissionPrompt":false}'])
        .skipDangerousModePermissionPrompt,
    ).toBe(true);
  });

  it('rejects an invalid --settings JSON string', () => {
    expect(argError(['{"hooks": ']).message).toMatch(/^invalid settings in --settings: /);
  });

  it('rejects an invalid settings file, naming it', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ not json');
    expect(argError([file]).message).toContain(`invalid settings in ${file}: `);
  });

  it('rejects an invalid user settings.json, naming it', () => {
    userSettings('{"hooks": {');
    expect(argError([]).message).toContain(
      `invalid settings in ${join(configDir, 'settings.json')}`,
    );
  });

  it('rejects a --settings file that does not exist', () => {
    const missing = join(dir, 'missing.json');
    expect(argError([missing]).message).toBe(`settings file not found: ${missing}`);
  });
});
