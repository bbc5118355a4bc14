import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOOK_EVENTS, relayHooks } from '../../src/engine/agents/claude-flags.js';
import { CcAgentError } from '../../src/engine/errors.js';
import { claudeSettingsPath, installHooks, removeHooks } from '../../src/engine/hooks-install.js';

const RELAY = "/opt/cc agent's/hooks/relay-event.sh";
const OLD_RELAY = "'/usr/lib/node_modules/cc-agent/hooks/relay-event.sh'";
const OURS = relayHooks(RELAY, 'global') as Record<string, [{ hooks: [Record<string, unknown>] }]>;
const ourHook = (event: string): Record<string, unknown> => OURS[event]![0].hooks[0];
const NOW = (): Date => new Date(2025, 0, 2, 3, 4, 5);
const BACKUP_SUFFIX = '.cc-agent-backup-20250102T030405';

type Json = Record<string, unknown>;
const pretty = (x: unknown): string => JSON.stringify(x, null, 2) + '\n';

/** A user's settings with hooks of their own, one on an event cc-agent also uses. */
const USER: Json = {
  model: 'opus',
  permissions: { allow: ['Bash(ls:*)'], deny: [] },
  hooks: {
    PreToolUse: [
      { matcher: 'Bash', hooks: [{ type: 'command', command: '~/bin/guard.sh', timeout: 30 }] },
    ],
    Stop: [{ hooks: [{ type: 'command', command: 'notify-send "done"' }] }],
    CustomEvent: [{ hooks: [{ type: 'command', command: 'echo relay-event' }] }],
  },
  statusLine: { type: 'command', command: 'echo hi' },
};

describe('installHooks / removeHooks (Claude Code user settings)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-hooks-'));
    file = join(dir, '.claude', 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string): void => {
    mkdirSync(join(dir, '.claude'), { recursive: true });
    writeFileSync(file, text);
  };
  const read = (): string => readFileSync(file, 'utf8');
  const parsed = (): Json => JSON.parse(read()) as Json;
  const backups = (): string[] =>
    readdirSync(join(dir, '.claude'))
      .filter((f) => f.includes('.cc-agent-backup-'))
      .sort();
  const hooksOf = (s: Json): Record<string, unknown[]> => s['hooks'] as Record<string, unknown[]>;

  it('creates a missing file (and directory) holding exactly relayHooks()', () => {
    const r = installHooks(file, RELAY, { now: NOW });
    expect(r).toMatchObject({ path: file, changed: true, created: true, backup: null });
    expect(r.added).toEqual([...HOOK_EVENTS]);
    expect(r.events).toEqual([...HOOK_EVENTS]);
    expect(read()).toBe(pretty({ hooks: OURS }));
    expect(readdirSync(join(dir, '.claude'))).toEqual(['settings.json']);
  });

  it('merges: every other key, event, group and hook stays, in order; ours appended once', () => {
    write(pretty(USER));
    const r = installHooks(file, RELAY, { now: NOW });
    expect(r.changed).toBe(true);
    const s = parsed();
    expect(Object.keys(s)).toEqual(['model', 'permissions', 'hooks', 'statusLine']);
    for (const k of ['model', 'permissions', 'statusLine']) expect(s[k]).toEqual(USER[k]);
    const hooks = hooksOf(s);
    const userHooks = USER['hooks'] as Record<string, unknown[]>;
    // The user's events first, as they were, then ours in HOOK_EVENTS order.
    expect(Object.keys(hooks)).toEqual([
      'PreToolUse',
      'Stop',
      'CustomEvent',
      ...HOOK_EVENTS.filter((e) => e !== 'PreToolUse' && e !== 'Stop'),
    ]);
    // A matcher group and a plain group on our events: untouched, ours after them.
    expect(hooks['PreToolUse']).toEqual([...userHooks['PreToolUse']!, OURS['PreToolUse']![0]]);
    expect(hooks['Stop']).toEqual([...userHooks['Stop']!, OURS['Stop']![0]]);
    // "relay-event" without ".sh" is not ours.
    expect(hooks['CustomEvent']).toEqual(userHooks['CustomEvent']);
    for (const e of HOOK_EVENTS) {
      const all = (hooks[e] as { hooks: Json[] }[]).flatMap((g) => g.hooks);
      expect(all.filter((h) => String(h['command']).includes('relay-event.sh'))).toEqual([
        ourHook(e),
      ]);
    }
    expect(ourHook('PostToolUse')['async']).toBe(true);
    expect(ourHook('Stop')['async']).toBeUndefined();
    expect(read().endsWith('}\n')).toBe(true);
    expect(read()).toBe(pretty(s));
  });

  it('backs up the original byte for byte before writing', () => {
    const original = '{"model":"opus",   "hooks":{}}';
    write(original);
    const r = installHooks(file, RELAY, { now: NOW });
    expect(r.backup).toBe(file + BACKUP_SUFFIX);
    expect(backups()).toEqual(['settings.json' + BACKUP_SUFFIX]);
    expect(readFileSync(r.backup as string, 'utf8')).toBe(original);
  });

  it('names backups by the local time, and never overwrites an earlier one', () => {
    write(pretty(USER));
    const first = installHooks(file, RELAY).backup as string;
    expect(first).toMatch(/settings\.json\.cc-agent-backup-\d{8}T\d{6}$/);
    rmSync(first);
    write(pretty(USER));
    // Same second twice: the second backup gets its own name.
    installHooks(file, RELAY, { now: NOW });
    const installed = read();
    const r = removeHooks(file, { now: NOW });
    expect(r.backup).toBe(`${file}${BACKUP_SUFFIX}-2`);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe(pretty(USER));
    expect(readFileSync(`${file}${BACKUP_SUFFIX}-2`, 'utf8')).toBe(installed);
  });

  it('is idempotent: a second run leaves the file byte-identical and writes no backup', () => {
    write(pretty(USER));
    installHooks(file, RELAY, { now: NOW });
    const once = read();
    const mtime = statSync(file).mtimeMs;
    const r = installHooks(file, RELAY, { now: () => new Date(2030, 0, 1) });
    expect(r).toMatchObject({ changed: false, backup: null, events: [] });
    expect(read()).toBe(once);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(backups()).toHaveLength(1);
  });

  it('leaves a file that already has our hooks alone, whatever its formatting', () => {
    const text = JSON.stringify({ a: 1, hooks: OURS }, null, 4);
    write(text);
    expect(installHooks(file, RELAY).changed).toBe(false);
    expect(read()).toBe(text);
    expect(backups()).toEqual([]);
  });

  it('replaces an older relay in place, drops duplicates and stale events', () => {
    const old = { type: 'command', command: OLD_RELAY, timeout: 5 };
    const userStop = { type: 'command', command: 'say done' };
    write(
      pretty({
        hooks: {
          Stop: [{ hooks: [userStop, old] }, { hooks: [{ type: 'command', command: 'x' }] }],
          Notification: [{ hooks: [old] }, { matcher: '', hooks: [old] }],
          RetiredEvent: [{ hooks: [old] }],
        },
      }),
    );
    const r = installHooks(file, RELAY, { now: NOW });
    expect(r.replaced).toEqual(['Notification', 'Stop']);
    expect(r.removed).toEqual(['RetiredEvent']);
    expect(r.added).toEqual(HOOK_EVENTS.filter((e) => e !== 'Stop' && e !== 'Notification'));
    const hooks = hooksOf(parsed());
    // Same place in the same group; the user's hook beside it untouched; nothing appended.
    expect(hooks['Stop']).toEqual([
      { hooks: [userStop, ourHook('Stop')] },
      { hooks: [{ type: 'command', command: 'x' }] },
    ]);
    expect(hooks['Notification']).toEqual([{ hooks: [ourHook('Notification')] }]);
    expect(hooks['RetiredEvent']).toBeUndefined();
    expect(Object.keys(hooks).slice(0, 2)).toEqual(['Stop', 'Notification']);
  });

  it('refuses JSONC (a comment, a trailing comma): one line, file byte-identical, no backup', () => {
    const jsonc = '{\n  // mine\n  "model": "opus",\n  "hooks": {},\n}\n';
    for (const text of [jsonc, '{\n  "model": "opus",\n  "hooks": {},\n}\n']) {
      write(text);
      for (const run of [() => installHooks(file, RELAY), () => removeHooks(file)]) {
        let err: unknown;
        try {
          run();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(CcAgentError);
        const e = err as CcAgentError;
        expect(e.code).toBe('bad_input');
        expect(e.message).toContain(file);
        expect(e.message).toContain('not strict JSON');
        expect(e.message).toContain('nothing was changed');
        expect(e.message).not.toContain('\n');
        expect(read()).toBe(text);
        expect(backups()).toEqual([]);
      }
    }
    write(jsonc);
    expect(() => installHooks(file, RELAY)).toThrow(/at line 2, column 3/);
  });

  it('refuses a top level or "hooks" that is not an object, or an event that is not a list', () => {
    const cases: [string, RegExp][] = [
      ['[]', /top level/],
      ['"x"', /top level/],
      ['null', /top level/],
      ['{"hooks": []}', /"hooks" is not an object/],
      ['{"hooks": "none"}', /"hooks" is not an object/],
      ['{"hooks": null}', /"hooks" is not an object/],
      ['{"hooks": {"Stop": {"hooks": []}}}', /"hooks\.Stop" is not an array/],
    ];
    for (const [text, why] of cases) {
      write(text);
      expect(() => installHooks(file, RELAY), text).toThrow(why);
      expect(read()).toBe(text);
      if (!text.includes('Stop')) expect(() => removeHooks(file), text).toThrow(why);
      expect(read()).toBe(text);
      expect(backups()).toEqual([]);
    }
  });

  it('remove restores the original exactly (value and bytes)', () => {
    const originals: Json[] = [
      USER,
      { model: 'sonnet' },
      { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'a' }] }] }, z: [1, { y: null }] },
    ];
    for (const original of originals) {
      write(pretty(original));
      installHooks(file, RELAY, { now: NOW });
      expect(read()).not.toBe(pretty(original));
      const r = removeHooks(file);
      expect(r.changed).toBe(true);
      expect([...r.removed].sort()).toEqual([...HOOK_EVENTS].sort());
      expect(parsed()).toEqual(original);
      expect(read()).toBe(pretty(original));
      for (const b of backups()) rmSync(join(dir, '.claude', b));
    }
  });

  it('remove keeps user hooks sharing a group with ours, and other events', () => {
    const user = { type: 'command', command: 'say stop' };
    write(
      pretty({
        hooks: {
          Stop: [{ hooks: [{ type: 'command', command: OLD_RELAY }, user] }],
          Other: [{ hooks: [{ type: 'command', command: 'keep me' }] }],
        },
      }),
    );
    const r = removeHooks(file);
    expect(r.removed).toEqual(['Stop']);
    expect(parsed()).toEqual({
      hooks: {
        Stop: [{ hooks: [user] }],
        Other: [{ hooks: [{ type: 'command', command: 'keep me' }] }],
      },
    });
  });

  it('remove with none of ours (or no file) is a no-op: byte-identical, no backup', () => {
    const text = JSON.stringify(USER, null, 4);
    write(text);
    const r = removeHooks(file, { now: NOW });
    expect(r).toMatchObject({ changed: false, backup: null, removed: [], created: false });
    expect(read()).toBe(text);
    expect(backups()).toEqual([]);

    const missing = join(dir, 'nope', 'settings.json');
    expect(removeHooks(missing).changed).toBe(false);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('dry run reports the change and writes nothing', () => {
    const missing = join(dir, 'nope', 'settings.json');
    const created = installHooks(missing, RELAY, { dryRun: true });
    expect(created).toMatchObject({ changed: true, created: true, dryRun: true, backup: null });
    expect(existsSync(join(dir, 'nope'))).toBe(false);

    write(pretty(USER));
    const r = installHooks(file, RELAY, { dryRun: true, now: NOW });
    expect(r).toMatchObject({ changed: true, dryRun: true, backup: file + BACKUP_SUFFIX });
    expect(r.added).toHaveLength(HOOK_EVENTS.length);
    expect(read()).toBe(pretty(USER));
    expect(backups()).toEqual([]);

    installHooks(file, RELAY, { now: NOW });
    const installed = read();
    rmSync(file + BACKUP_SUFFIX);
    const rm = removeHooks(file, { dryRun: true, now: NOW });
    expect(rm).toMatchObject({ changed: true, dryRun: true });
    expect(rm.removed).toHaveLength(HOOK_EVENTS.length);
    expect(read()).toBe(installed);
    expect(backups()).toEqual([]);
  });

  it("keeps the file's mode and writes through a symlinked settings file", () => {
    const real = join(dir, 'dotfiles', 'claude-settings.json');
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(real, pretty({ model: 'opus' }));
    chmodSync(real, 0o600);
    mkdirSync(join(dir, '.claude'));
    symlinkSync(real, file);
    installHooks(file, RELAY, { now: NOW });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(real, 'utf8')) as Json)['hooks']).toEqual(OURS);
    expect(readFileSync(file + BACKUP_SUFFIX, 'utf8')).toBe(pretty({ model: 'opus' }));
  });

  it('finds the settings: $CLAUDE_CONFIG_DIR, else $HOME/.claude', () => {
    expect(claudeSettingsPath({ HOME: '/h', CLAUDE_CONFIG_DIR: '/cfg' })).toBe(
      '/cfg/settings.json',
    );
    expect(claudeSettingsPath({ HOME: '/h', CLAUDE_CONFIG_DIR: '' })).toBe(
      '/h/.claude/settings.json',
    );
    expect(claudeSettingsPath({ HOME: '/h' })).toBe('/h/.claude/settings.json');
  });
});
