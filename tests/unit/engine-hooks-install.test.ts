import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOOK_EVENTS, relayHooks } from '../../src/engine/agents/claude-flags.js';
import { CcAgentError } from '../../src/engine/errors.js';
import { installHooks } from '../../src/engine/hooks/install.js';
import { removeHooks } from '../../src/engine/hooks/remove.js';
import { claudeSettingsPath } from '../../src/engine/hooks/settings-file.js';

const RELAY = "/opt/cc agent's/hooks/relay-event.sh";
const OLD_RELAY = '/usr/lib/node_modules/cc-agent/hooks/relay-event.sh';
const OURS = relayHooks(RELAY, 'global') as Record<string, [{ hooks: [{ command: string }] }]>;
const COMMAND = OURS['Stop']![0].hooks[0].command;

type Json = Record<string, unknown>;
type Groups = Record<string, unknown[]>;
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
    CustomEvent: [{ hooks: [{ type: 'command', command: 'echo relay-event.sh' }] }],
  },
  statusLine: { type: 'command', command: 'echo hi' },
};

describe('installHooks / removeHooks (Claude Code user settings)', () => {
  let dir: string;
  let home: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-hooks-'));
    home = join(dir, 'cc-home');
    file = join(dir, 'user', '.claude', 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const env = (): NodeJS.ProcessEnv => ({ CC_AGENT_HOME: home });
  const install = (relay = RELAY, dryRun = false) =>
    installHooks({ settings: file, env: env(), relay, dryRun });
  const remove = (dryRun = false) =>
    removeHooks({ settings: file, env: env(), relay: RELAY, dryRun });
  const write = (text: string): void => {
    mkdirSync(join(dir, 'user', '.claude'), { recursive: true });
    writeFileSync(file, text);
  };
  const read = (): string => readFileSync(file, 'utf8');
  const hooksOf = (): Groups => (JSON.parse(read()) as Json)['hooks'] as Groups;
  const records = (): string[] =>
    existsSync(join(home, 'hook-installs')) ? readdirSync(join(home, 'hook-installs')) : [];
  const strays = (): string[] =>
    readdirSync(join(dir, 'user', '.claude')).filter((f) => f !== 'settings.json');

  it('creates a missing file and directory; remove deletes both again', () => {
    const r = install();
    expect(r).toMatchObject({ path: file, changed: true, created: true, present: [] });
    expect(r.added).toEqual([...HOOK_EVENTS]);
    expect(read()).toBe(pretty({ hooks: OURS }));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(remove()).toMatchObject({ changed: true, how: 'deleted' });
    expect(existsSync(join(dir, 'user'))).toBe(false);
    expect(records()).toEqual([]);
  });

  it('merges: every other key, event and group stays, in order; ours appended once', () => {
    write(pretty(USER));
    install();
    const s = JSON.parse(read()) as Json;
    expect(Object.keys(s)).toEqual(['model', 'permissions', 'hooks', 'statusLine']);
    const hooks = hooksOf();
    const user = USER['hooks'] as Groups;
    expect(Object.keys(hooks)).toEqual([
      'PreToolUse',
      'Stop',
      'CustomEvent',
      ...HOOK_EVENTS.filter((e) => e !== 'PreToolUse' && e !== 'Stop'),
    ]);
    expect(hooks['PreToolUse']).toEqual([...user['PreToolUse']!, OURS['PreToolUse']![0]]);
    expect(hooks['Stop']).toEqual([...user['Stop']!, OURS['Stop']![0]]);
    expect(hooks['CustomEvent']).toEqual(user['CustomEvent']);
    for (const e of HOOK_EVENTS) expect(hooks[e]!.at(-1)).toEqual(OURS[e]![0]);
  });

  it('is idempotent: a second run reports every event present and writes nothing', () => {
    write(pretty(USER));
    install();
    const once = read();
    const mtime = statSync(file).mtimeMs;
    const before = records().map((f) => readFileSync(join(home, 'hook-installs', f), 'utf8'));
    const r = install();
    expect(r).toMatchObject({ changed: false, added: [], events: [], backup: null });
    expect(r.present).toEqual([...HOOK_EVENTS]);
    expect(read()).toBe(once);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(records().map((f) => readFileSync(join(home, 'hook-installs', f), 'utf8'))).toEqual(
      before,
    );
  });

  it('only our exact group is ours: look-alikes are never changed, matched or removed', () => {
    const hook = (command: string, extra: Json = {}): Json => ({
      type: 'command',
      command,
      ...extra,
    });
    const lookalikes = [
      { matcher: 'Edit', hooks: [hook(COMMAND)] },
      { hooks: [hook(COMMAND), hook('say hi')] },
      { hooks: [hook(`${COMMAND} --log`)] },
      { hooks: [hook(`'${OLD_RELAY}' --global`)] },
      { hooks: [hook('/home/me/bin/my-relay-event.sh --log')] },
      { hooks: [{ type: 'prompt', command: COMMAND }] },
      { hooks: [hook(COMMAND)], note: 'mine' },
    ];
    // A duplicate "command" key: JSON.parse sees ours, but these bytes are not what we write.
    const dup = `{"hooks": [{"type": "command", "command": "x", "command": ${JSON.stringify(COMMAND)}}]}`;
    const text = pretty({ hooks: { Stop: lookalikes } }).replace(
      '"Stop": [',
      `"Stop": [\n      ${dup},`,
    );
    write(text);
    expect(install().added).toContain('Stop');
    const stop = hooksOf()['Stop']!;
    expect(stop).toHaveLength(lookalikes.length + 2);
    expect(stop.slice(1, -1)).toEqual(lookalikes);
    expect(remove().how).toBe('restored');
    expect(read()).toBe(text);
    // Edited since: the splice path, which must also leave every look-alike alone.
    install();
    write(read() + '\n');
    expect(remove().how).toBe('edited');
    expect(read()).toBe(text + '\n');
  });

  it('remove with no record (lost CC_AGENT_HOME) still cuts exactly our groups', () => {
    write(pretty(USER));
    install();
    rmSync(home, { recursive: true });
    expect(remove()).toMatchObject({ how: 'edited', changed: true });
    expect(read()).toBe(pretty(USER));
  });

  it("an earlier install's relay (recorded) is replaced in place of adding a second", () => {
    write(pretty(USER));
    install(OLD_RELAY);
    write(read().replace('"opus"', '"sonnet"'));
    const r = install(RELAY);
    expect(r.replaced).toEqual([...HOOK_EVENTS]);
    expect(r.added).toEqual([]);
    const hooks = hooksOf();
    expect(hooks['Stop']).toEqual([...(USER['hooks'] as Groups)['Stop']!, OURS['Stop']![0]]);
    for (const e of HOOK_EVENTS) expect(JSON.stringify(hooks[e])).not.toContain(OLD_RELAY);
    expect(remove().how).toBe('edited');
    expect(read()).toBe(pretty({ ...USER, model: 'sonnet' }));

    // Untouched by the user in between: remove still restores the very first original.
    install(OLD_RELAY);
    install(RELAY);
    expect(remove().how).toBe('restored');
    expect(read()).toBe(pretty({ ...USER, model: 'sonnet' }));
  });

  it('an older relay this home never recorded is not ours: left alone, ours added', () => {
    const old = { hooks: [{ type: 'command', command: `'${OLD_RELAY}' --global`, timeout: 10 }] };
    const text = pretty({ hooks: { Stop: [old] } });
    write(text);
    expect(install().added).toContain('Stop');
    expect(hooksOf()['Stop']).toEqual([old, OURS['Stop']![0]]);
    expect(remove().how).toBe('restored');
    expect(read()).toBe(text);
  });

  it('a file with our hooks removed by hand becomes the new original', () => {
    write(pretty(USER));
    install();
    write(pretty({ ...USER, model: 'haiku' }));
    const r = install();
    expect(r.backup).not.toBeNull();
    expect(remove().how).toBe('restored');
    expect(read()).toBe(pretty({ ...USER, model: 'haiku' }));
  });

  it('a duplicated "hooks" key and CRLF lines: we edit the copy Claude Code reads, and undo it', () => {
    const text =
      '{\r\n  "hooks": {"Stop": []},\r\n  "x": 1,\r\n  "hooks": {\r\n    "Stop": []\r\n  }\r\n}\r\n';
    write(text);
    install();
    const installed = read();
    expect(installed.startsWith('{\r\n  "hooks": {"Stop": []},\r\n  "x": 1,\r\n')).toBe(true);
    expect(installed.replace(/\r\n/g, '')).not.toContain('\n');
    expect(hooksOf()['Stop']).toEqual([OURS['Stop']![0]]);
    write(installed.replace('"x": 1', '"x": 2'));
    expect(remove().how).toBe('edited');
    expect(read()).toBe(text.replace('"x": 1', '"x": 2'));
  });

  it('refuses what it cannot edit safely: one line, file byte-identical, nothing recorded', () => {
    const cases: [string, RegExp][] = [
      ['{\n  // mine\n  "model": "opus",\n}\n', /not strict JSON .*at line 2, column 3/],
      ['{"model": "opus",}', /not strict JSON/],
      ['[]', /top level/],
      ['{"hooks": []}', /"hooks" is not an object/],
      ['{"hooks": {"Stop": {"hooks": []}}}', /"hooks\.Stop" is not an array/],
    ];
    for (const [text, why] of cases) {
      write(text);
      for (const run of [install, remove]) {
        if (run === remove && text.includes('Stop')) continue;
        let err: unknown;
        try {
          run();
        } catch (e) {
          err = e;
        }
        expect(err, text).toBeInstanceOf(CcAgentError);
        const msg = (err as CcAgentError).message;
        expect(msg).toMatch(why);
        expect(msg).toContain(file);
        expect(msg).toContain('nothing was changed');
        expect(msg).not.toContain('\n');
        expect(read()).toBe(text);
        expect(strays()).toEqual([]);
        expect(records()).toEqual([]);
      }
    }
    mkdirSync(join(dir, 'user', '.claude'), { recursive: true });
    writeFileSync(file, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
    expect(() => install()).toThrow(/not valid UTF-8/);
  });

  it('dry run reports the change and writes nothing anywhere', () => {
    const created = install(RELAY, true);
    expect(created).toMatchObject({ changed: true, created: true, dryRun: true });
    expect(existsSync(join(dir, 'user'))).toBe(false);
    write(pretty(USER));
    expect(install(RELAY, true).added).toHaveLength(HOOK_EVENTS.length);
    expect(read()).toBe(pretty(USER));
    expect(existsSync(home)).toBe(false);
    install();
    const installed = read();
    expect(remove(true)).toMatchObject({ changed: true, how: 'restored', dryRun: true });
    expect(read()).toBe(installed);
    expect(records()).toHaveLength(2);
  });

  it('a write that fails leaves no temp file, the settings as they were, no record', () => {
    write(pretty(USER));
    chmodSync(file, 0o640);
    const claudeDir = join(dir, 'user', '.claude');
    // Root ignores modes: make the file immutable instead (what the issue saw fail).
    const root = process.getuid?.() === 0;
    const lock = (on: boolean): void => {
      if (!root) return chmodSync(claudeDir, on ? 0o555 : 0o755);
      const r = spawnSync('chattr', [on ? '+i' : '-i', file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`chattr failed: ${r.stderr || r.error?.message}`);
    };
    lock(true);
    try {
      expect(() => install()).toThrow(
        new RegExp(
          `^cannot write ${file}: (operation not permitted|permission denied) .*nothing was changed$`,
        ),
      );
    } finally {
      lock(false);
    }
    expect(read()).toBe(pretty(USER));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(strays()).toEqual([]);
    expect(records()).toEqual([]);

    // CC_AGENT_HOME unusable: refused before the settings are touched.
    rmSync(home, { recursive: true, force: true });
    writeFileSync(home, 'not a directory');
    expect(() => install()).toThrow(/^cannot write .*hook-installs \(ENOTDIR\); nothing/);
    expect(read()).toBe(pretty(USER));
  });

  it('finds the settings: $CLAUDE_CONFIG_DIR, else $HOME/.claude', () => {
    expect(claudeSettingsPath({ HOME: '/h', CLAUDE_CONFIG_DIR: '/cfg' })).toBe(
      '/cfg/settings.json',
    );
    expect(claudeSettingsPath({ HOME: '/h', CLAUDE_CONFIG_DIR: '' })).toBe(
      '/h/.claude/settings.json',
    );
  });
});
