import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOOK_EVENTS } from '../../src/engine/agents/claude-flags.js';
import { createHarness, repoRoot, type Harness } from '../helpers/cli-harness.js';

type Json = Record<string, unknown>;
type Group = { matcher?: string; hooks: { type: string; command: string }[] };

/**
 * Issue 13 item 3, run through the real CLI with HOME and CC_AGENT_HOME in a temp dir: setup-hooks
 * must never take over or delete a user's hook, and remove-hooks must give the user back their
 * file (byte for byte when they have not touched it since).
 */
describe('setup-hooks / remove-hooks never harm the user settings (real CLI)', () => {
  let h: Harness;
  let claudeDir: string;
  let settings: string;
  const ours = `'${join(repoRoot, 'hooks', 'relay-event.sh')}' --global`;

  beforeAll(() => {
    h = createHarness('hooks-sec');
    claudeDir = join(h.fakeHome, '.claude');
    settings = join(claudeDir, 'settings.json');
  });
  afterAll(() => h.cleanup());
  beforeEach(() => {
    rmSync(claudeDir, { recursive: true, force: true });
    rmSync(join(h.home, 'hook-installs'), { recursive: true, force: true });
  });

  const write = (text: string): void => {
    mkdirSync(claudeDir, { recursive: true });
    writeFileSync(settings, text);
  };
  const read = (): string => readFileSync(settings, 'utf8');
  const hooksOf = (text: string): Record<string, Group[]> =>
    (JSON.parse(text) as Json)['hooks'] as Record<string, Group[]>;
  const strays = (): string[] => readdirSync(claudeDir).filter((f) => f !== 'settings.json');

  // The attack: a user hook whose command merely contains "relay-event.sh", in a matcher
  // group, and one on an event cc-agent does not listen to.
  const USER_EDIT = {
    matcher: 'Edit',
    hooks: [{ type: 'command', command: '/home/me/bin/my-relay-event.sh --log' }],
  };
  const USER_CUSTOM = { hooks: [{ type: 'command', command: '/home/me/bin/relay-event.sh' }] };
  // Our exact command, but not our group: a matcher, or a hook of the user's beside it.
  const LOOKALIKE_MATCHER = { matcher: 'Bash', hooks: [{ type: 'command', command: ours }] };
  const LOOKALIKE_SHARED = {
    hooks: [
      { type: 'command', command: ours },
      { type: 'command', command: 'say stop' },
    ],
  };
  const userSettings = (): string =>
    JSON.stringify(
      {
        model: 'opus',
        hooks: {
          PostToolUse: [USER_EDIT],
          CustomEvent: [USER_CUSTOM],
          PreToolUse: [LOOKALIKE_MATCHER],
          Stop: [LOOKALIKE_SHARED],
        },
      },
      null,
      2,
    ) + '\n';

  it("the issue's attack: user hooks that look like ours survive setup and remove", async () => {
    const original = userSettings();
    write(original);
    await h.ok(['setup-hooks']);
    const hooks = hooksOf(read());
    // Each user group untouched and first; our own matcher-less group appended after it.
    const ourGroup = (event: string): Group => hooks[event]!.at(-1)!;
    expect(hooks['PostToolUse']![0]).toEqual(USER_EDIT);
    expect(hooks['PreToolUse']![0]).toEqual(LOOKALIKE_MATCHER);
    expect(hooks['Stop']![0]).toEqual(LOOKALIKE_SHARED);
    for (const event of ['PostToolUse', 'PreToolUse', 'Stop']) {
      expect(hooks[event]).toHaveLength(2);
      expect(ourGroup(event).matcher).toBeUndefined();
      expect(ourGroup(event).hooks.map((x) => x.command)).toEqual([ours]);
    }
    expect(hooks['CustomEvent']).toEqual([USER_CUSTOM]);
    for (const event of HOOK_EVENTS) expect(ourGroup(event).hooks[0]!.command).toBe(ours);

    await h.ok(['remove-hooks']);
    expect(read()).toBe(original);
    expect(strays()).toEqual([]);
  });

  it('a file edited between setup and remove keeps the edit and loses only our hooks', async () => {
    write(userSettings());
    await h.ok(['setup-hooks']);
    // The user edits the file by hand: a setting, and a group of their own after ours.
    const edited = JSON.parse(read()) as Json as { model: string; hooks: Record<string, Group[]> };
    edited.model = 'sonnet';
    const mine = { hooks: [{ type: 'command', command: 'notify-send done' }] };
    edited.hooks['Stop']!.push(mine);
    write(JSON.stringify(edited, null, 2) + '\n');

    const out = await h.ok(['remove-hooks']);
    expect(out.split('\n')[0]).toBe(`removed cc-agent hooks from ${settings}`);
    const expected = JSON.parse(userSettings()) as {
      model: string;
      hooks: Record<string, Group[]>;
    };
    expected.model = 'sonnet';
    expected.hooks['Stop']!.push(mine);
    // Value and bytes: the edited file minus exactly our groups, formatting kept.
    expect(read()).toBe(JSON.stringify(expected, null, 2) + '\n');
    expect(strays()).toEqual([]);
    expect(await h.ok(['remove-hooks'])).toBe(
      `nothing to remove: no cc-agent hooks in ${settings}`,
    );
  });

  // Comments-free but odd JSON: 4-space indent, a big integer, duplicate keys, \u escapes, no
  // final newline. JSON.parse + stringify would round, collapse, unescape and re-indent.
  const ODD = [
    '{',
    '    "model": "opus",',
    '    "feedbackSurveyState": {"lastShownTime": 12345678901234567890},',
    '    "dup": 1,',
    '    "dup": 2,',
    '    "name": "caf\\u00e9 \\/ \\ud83d\\ude00",',
    '    "hooks": {',
    '        "PreToolUse": [',
    '            {',
    '                "matcher": "Edit",',
    '                "hooks": [{"type": "command", "command": "fmt.sh", "timeout": 5, "timeout": 9}]',
    '            }',
    '        ]',
    '    },',
    '    "n": 1.50e+3',
    '}',
  ].join('\n');

  it('odd JSON: untouched parts kept verbatim by setup, file restored byte for byte', async () => {
    write(ODD);
    await h.ok(['setup-hooks']);
    const installed = read();
    for (const line of ODD.split('\n').filter((l) => l !== '    },' && l !== '}')) {
      expect(installed).toContain(line);
    }
    // What we added follows the file's own 4-space indentation.
    expect(installed).toContain(
      `\n        "SessionStart": [\n            {\n                "hooks": [\n`,
    );
    expect(installed).not.toMatch(/\n( {4})* {1,3}"/);
    expect(hooksOf(installed)['PreToolUse']).toHaveLength(2);

    await h.ok(['remove-hooks']);
    expect(read()).toBe(ODD);
  });

  it('odd JSON edited after setup: only our hooks go, every other byte stays', async () => {
    write(ODD);
    await h.ok(['setup-hooks']);
    write(read().replace('"model": "opus"', '"model": "haiku"'));
    await h.ok(['remove-hooks']);
    expect(read()).toBe(ODD.replace('"model": "opus"', '"model": "haiku"'));
  });

  it('setup prints per event what it added and what was already there; runs twice safely', async () => {
    write(userSettings());
    const first = (await h.ok(['setup-hooks'])).split('\n');
    expect(first[0]).toBe(`installed cc-agent hooks in ${settings}`);
    expect(first.slice(1, 1 + HOOK_EVENTS.length)).toEqual(
      HOOK_EVENTS.map((e) => `  added            ${e}`),
    );
    const once = read();
    const mtime = statSync(settings).mtimeMs;
    const second = (await h.ok(['setup-hooks'])).split('\n');
    expect(second).toEqual([
      `cc-agent hooks already installed in ${settings}`,
      ...HOOK_EVENTS.map((e) => `  already present  ${e}`),
    ]);
    expect(read()).toBe(once);
    expect(statSync(settings).mtimeMs).toBe(mtime);

    // The user drops our Stop group by hand: only that one comes back.
    const s = JSON.parse(once) as { hooks: Record<string, Group[]> };
    s.hooks['Stop']!.pop();
    write(JSON.stringify(s, null, 2) + '\n');
    const third = (await h.ok(['setup-hooks'])).split('\n');
    expect(third.filter((l) => l.startsWith('  added'))).toEqual(['  added            Stop']);
    expect(third.filter((l) => l.startsWith('  already present'))).toHaveLength(
      HOOK_EVENTS.length - 1,
    );
    await h.ok(['remove-hooks']);
    expect(read()).toBe(userSettings());
  });

  it('keeps the original under CC_AGENT_HOME (0700 dir, 0600 files), none beside the settings', async () => {
    write(ODD);
    chmodSync(settings, 0o640);
    await h.ok(['setup-hooks']);
    expect(statSync(settings).mode & 0o777).toBe(0o640);
    expect(strays()).toEqual([]);
    const dir = join(h.home, 'hook-installs');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(files.some((f) => readFileSync(join(dir, f), 'utf8') === ODD)).toBe(true);
    await h.ok(['remove-hooks']);
    expect(read()).toBe(ODD);
    expect(statSync(settings).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that did not exist is created by setup and deleted again by remove', async () => {
    const out = await h.ok(['setup-hooks']);
    expect(out.split('\n')[0]).toBe(`installed cc-agent hooks in ${settings} (created the file)`);
    expect(Object.keys(hooksOf(read()))).toEqual([...HOOK_EVENTS]);
    expect(await h.ok(['remove-hooks'])).toBe(
      `removed cc-agent hooks from ${settings}: deleted it (setup-hooks had created it)`,
    );
    expect(existsSync(settings)).toBe(false);
  });

  it('a symlinked settings file is written through; the link stays a link', async () => {
    const dotfiles = h.tempDir('dotfiles');
    const real = join(dotfiles, 'claude.json');
    writeFileSync(real, ODD);
    mkdirSync(claudeDir, { recursive: true });
    symlinkSync(real, settings);
    await h.ok(['setup-hooks']);
    expect(lstatSync(settings).isSymbolicLink()).toBe(true);
    expect(Object.keys(hooksOf(readFileSync(real, 'utf8')))).toContain('SessionStart');
    expect(readdirSync(dotfiles)).toEqual(['claude.json']);
    await h.ok(['remove-hooks']);
    expect(lstatSync(settings).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(ODD);

    // A link to nothing is refused rather than replaced by a regular file.
    rmSync(real);
    const r = await h.cli(['setup-hooks']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(settings);
    expect(lstatSync(settings).isSymbolicLink()).toBe(true);
    expect(existsSync(real)).toBe(false);
  });

  it('a settings file that is not JSON: one line naming it, nothing changed anywhere', async () => {
    const broken = '{"model": "opus", "hooks": {}\n';
    write(broken);
    for (const cmd of ['setup-hooks', 'remove-hooks']) {
      const r = await h.cli([cmd]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(settings);
      expect(read()).toBe(broken);
      expect(strays()).toEqual([]);
      expect(existsSync(join(h.home, 'hook-installs'))).toBe(false);
    }
  });
});
