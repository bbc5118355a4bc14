import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOK_EVENTS } from '../../src/engine/agents/claude-flags.js';
import { createHarness, repoRoot, type Harness } from '../helpers/cli-harness.js';

type Json = Record<string, unknown>;
type Groups = { matcher?: string; hooks: { command: string }[] }[];

describe('cc-agent setup-hooks / remove-hooks (real CLI, fake HOME)', () => {
  let h: Harness;
  let claudeDir: string;
  let settings: string;
  beforeAll(() => {
    h = createHarness('hooks');
    claudeDir = join(h.fakeHome, '.claude');
    settings = join(claudeDir, 'settings.json');
  });
  afterAll(() => h.cleanup());

  const read = (): string => readFileSync(settings, 'utf8');
  const backups = (): string[] => readdirSync(claudeDir).filter((f) => f !== 'settings.json');
  const clear = (): void => rmSync(claudeDir, { recursive: true, force: true });
  const jsonOf = (text: string): Json => JSON.parse(text) as Json;

  it('installs into ~/.claude/settings.json, once', async () => {
    clear();
    const out = (await h.ok(['setup-hooks'])).split('\n');
    expect(out[0]).toBe(`installed cc-agent hooks in ${settings} (created the file)`);
    expect(out.slice(1)).toEqual(HOOK_EVENTS.map((e) => `  added            ${e}`));
    const hooks = jsonOf(read())['hooks'] as Record<string, Groups>;
    expect(Object.keys(hooks)).toEqual([...HOOK_EVENTS]);
    const command = hooks['Stop']![0]!.hooks[0]!.command;
    expect(command).toBe(`'${join(repoRoot, 'hooks', 'relay-event.sh')}' --global`);

    const before = read();
    const again = (await h.ok(['setup-hooks'])).split('\n');
    expect(again[0]).toBe(`cc-agent hooks already installed in ${settings}`);
    expect(again).toHaveLength(1 + HOOK_EVENTS.length);
    expect(read()).toBe(before);
    expect(backups()).toEqual([]);
  });

  it('keeps the user settings, keeps the original, and remove-hooks restores it', async () => {
    clear();
    mkdirSync(claudeDir, { recursive: true });
    const mine = {
      model: 'sonnet',
      hooks: { Stop: [{ matcher: '', hooks: [{ type: 'command', command: 'say done' }] }] },
    };
    const original = JSON.stringify(mine, null, 2) + '\n';
    writeFileSync(settings, original);

    const out = (await h.ok(['setup-hooks'])).split('\n');
    expect(out[0]).toBe(`installed cc-agent hooks in ${settings}`);
    const kept = /^original kept in (.+) \(remove-hooks puts it back\)$/.exec(out.at(-1)!);
    expect(kept?.[1]).toMatch(
      new RegExp(`^${h.home}/hook-installs/settings-[0-9a-f]{16}\\.original$`),
    );
    expect(readFileSync(kept![1]!, 'utf8')).toBe(original);
    expect(backups()).toEqual([]);
    const s = jsonOf(read());
    expect(s['model']).toBe('sonnet');
    expect((s['hooks'] as Record<string, Groups>)['Stop']![0]).toEqual(mine.hooks.Stop[0]);

    expect(await h.ok(['remove-hooks'])).toBe(
      `removed cc-agent hooks from ${settings}: restored the original byte for byte`,
    );
    expect(read()).toBe(original);
    expect(existsSync(kept![1]!)).toBe(false);
    expect(await h.ok(['remove-hooks'])).toBe(
      `nothing to remove: no cc-agent hooks in ${settings}`,
    );
    expect(read()).toBe(original);
  });

  it('refuses a settings file with comments: one stderr line, exit 1, file untouched', async () => {
    clear();
    mkdirSync(claudeDir, { recursive: true });
    const jsonc = '{\n  // my settings\n  "model": "opus",\n}\n';
    writeFileSync(settings, jsonc);
    for (const cmd of ['setup-hooks', 'remove-hooks']) {
      const r = await h.cli([cmd]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^cc-agent: /);
      expect(lines[0]).toContain(settings);
      expect(lines[0]).toContain('nothing was changed');
      expect(read()).toBe(jsonc);
      expect(backups()).toEqual([]);
    }
  });

  it('--json, --dry-run, --settings and CLAUDE_CONFIG_DIR', async () => {
    clear();
    const dry = jsonOf(await h.ok(['setup-hooks', '--dry-run', '--json']));
    expect(dry).toMatchObject({ path: settings, changed: true, dryRun: true, backup: null });
    expect(dry['added']).toEqual([...HOOK_EVENTS]);
    expect(existsSync(claudeDir)).toBe(false);
    const text = await h.ok(['setup-hooks', '--dry-run']);
    expect(text.split('\n')[0]).toBe(
      `would install cc-agent hooks in ${settings} (created the file)`,
    );
    expect(text.split('\n')[1]).toBe(`  would add        ${HOOK_EVENTS[0]}`);
    expect(text.split('\n')).toHaveLength(1 + HOOK_EVENTS.length);
    expect(existsSync(claudeDir)).toBe(false);

    const done = jsonOf(await h.ok(['setup-hooks', '--json']));
    expect(done).toMatchObject({ path: settings, changed: true, backup: null, created: true });
    const again = jsonOf(await h.ok(['setup-hooks', '--json']));
    expect(again).toMatchObject({ path: settings, changed: false, backup: null, events: [] });
    expect(again['present']).toEqual([...HOOK_EVENTS]);

    const cfg = h.tempDir('claude-config');
    const viaEnv = jsonOf(
      await h.ok(['setup-hooks', '--json'], { env: { CLAUDE_CONFIG_DIR: cfg } }),
    );
    expect(viaEnv['path']).toBe(join(cfg, 'settings.json'));
    expect(existsSync(join(cfg, 'settings.json'))).toBe(true);

    const cwd = h.tempDir('proj');
    const viaFlag = jsonOf(
      await h.ok(['remove-hooks', '--settings', 'settings.json', '--json'], {
        cwd,
        env: { CLAUDE_CONFIG_DIR: cfg },
      }),
    );
    expect(viaFlag).toMatchObject({ path: join(cwd, 'settings.json'), changed: false });
    expect(existsSync(join(cwd, 'settings.json'))).toBe(false);
  });

  it('the installed command line really relays: a spool file with the payload', async () => {
    clear();
    await h.ok(['setup-hooks']);
    const hooks = jsonOf(read())['hooks'] as Record<string, Groups>;
    const command = hooks['Stop']![0]!.hooks[0]!.command;
    const payload = '{"hook_event_name":"Stop","session_id":"x"}';
    const spool = join(h.home, 'spool');
    const listSpool = (): string[] =>
      existsSync(spool) ? readdirSync(spool).filter((f) => f.endsWith('.json')) : [];
    const run = (jobId: string | undefined, extra: NodeJS.ProcessEnv = {}) => {
      const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: h.fakeHome, ...extra };
      env['CC_AGENT_HOME'] = h.home;
      if (jobId !== undefined) env['CC_AGENT_JOB_ID'] = jobId;
      return spawnSync('sh', ['-c', command], { input: payload, env, encoding: 'utf8' });
    };

    const before = listSpool();
    const r = run('0badcafe');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const added = listSpool().filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const event = jsonOf(readFileSync(join(spool, added[0] as string), 'utf8'));
    expect(event['job_id']).toBe('0badcafe');
    expect(event['payload']).toEqual(jsonOf(payload));

    // A Claude Code session cc-agent did not start: the relay does nothing.
    const after = readdirSync(spool);
    const quiet = run(undefined);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(readdirSync(spool)).toEqual(after);

    // An agent cc-agent launched relays through its own --settings: the global copy steps aside,
    // so no event is stored twice.
    const launched = run('0badcafe', { CC_AGENT_LAUNCH_HOOKS: '1' });
    expect(launched.status).toBe(0);
    expect(readdirSync(spool)).toEqual(after);
  });
});
