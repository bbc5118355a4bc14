import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaseVerdicts } from '../../src/engine/leases/verdicts.js';

const RELAY = fileURLToPath(new URL('../../hooks/relay-event.sh', import.meta.url));

interface Verdict {
  dir: string;
  key: string;
  path: string;
  holder: string;
  outcome: string;
  mode: string;
}

/** A PreToolUse payload as Claude Code 2.1 sends it (compact JSON, one line). */
const pre = (tool: string, input: Record<string, unknown>): string =>
  JSON.stringify({
    session_id: 's1',
    transcript_path: '/x/s1.jsonl',
    cwd: '/x',
    permission_mode: 'acceptEdits',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
    tool_use_id: 'toolu_1',
  });

describe('hooks/relay-event.sh --lease (real sh)', () => {
  let base: string;
  let home: string;
  let work: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'cc-agent-leases-'));
    home = join(base, 'home');
    work = join(base, 'work dir');
    mkdirSync(join(home, 'spool'), { recursive: true });
    mkdirSync(work);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const envFor = (job: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    HOME: base,
    CC_AGENT_HOME: home,
    CC_AGENT_JOB_ID: job,
    // This test process stands in for the agent's runner: alive for as long as the test.
    CC_AGENT_RUNNER_PID: String(process.pid),
    ...extra,
  });
  const relay = (job: string, payload: string, extra: Record<string, string> = {}) => {
    const r = spawnSync('sh', [RELAY, '--lease'], {
      input: payload,
      env: envFor(job, extra),
      cwd: work,
    });
    return { code: r.status, stderr: String(r.stderr) };
  };
  /** Every spooled envelope's verdicts, oldest first (and the envelope parses as JSON). */
  const verdicts = (): (Verdict[] | undefined)[] =>
    readdirSync(join(home, 'spool'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map(
        (f) =>
          (JSON.parse(readFileSync(join(home, 'spool', f), 'utf8')) as { leases?: Verdict[] })
            .leases,
      );
  const last = (): Verdict[] | undefined => verdicts().at(-1);

  it('the first edit takes the lease, its own next edit keeps it, another job conflicts (warn)', () => {
    const file = join(work, 'a b.ts');
    expect(relay('j1', pre('Edit', { file_path: file, old_string: 'x', new_string: 'y' }))).toEqual(
      { code: 0, stderr: '' },
    );
    expect(last()).toEqual([
      expect.objectContaining({
        path: file,
        key: file,
        holder: 'j1',
        outcome: 'took',
        mode: 'warn',
      }),
    ]);
    relay('j1', pre('Write', { file_path: file, content: 'z' }));
    expect(last()?.[0]?.outcome).toBe('own');
    expect(relay('j2', pre('Write', { file_path: file, content: 'w' })).code).toBe(0);
    expect(last()?.[0]).toMatchObject({ holder: 'j1', outcome: 'conflict' });
    const dirs = readdirSync(join(home, 'file-leases'));
    expect(dirs).toEqual([last()?.[0]?.dir]);
    const owner = readFileSync(join(home, 'file-leases', dirs[0] as string, 'owner'), 'utf8');
    expect(owner).toBe(`j1 ${process.pid} warn ${file}\n`);
  });

  it('block (the job, the holder, or the global marker) refuses with exit 2 and one reason line', () => {
    const file = join(work, 'x.md');
    relay('j1', pre('Write', { file_path: file, content: 'a' }));
    const refused = relay('j2', pre('Edit', { file_path: file }), { CC_AGENT_LEASE_MODE: 'block' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `cc-agent file lease: ${file} is being edited by agent j1. Wait for it to finish, or work on another file (cc-agent conflicts).\n`,
    );
    expect(last()?.[0]).toMatchObject({ outcome: 'denied', mode: 'block', holder: 'j1' });
    // Still relayed: the engine sees the refused attempt.
    expect(verdicts()).toHaveLength(2);

    const held = join(work, 'held.md');
    relay('j3', pre('Write', { file_path: held, content: 'a' }), { CC_AGENT_LEASE_MODE: 'block' });
    expect(relay('j4', pre('Write', { file_path: held, content: 'b' })).code).toBe(2);

    writeFileSync(join(home, 'file-leases', '.block'), '');
    expect(relay('j2', pre('Write', { file_path: file, content: 'c' })).code).toBe(2);
    expect(relay('j1', pre('Write', { file_path: file, content: 'd' })).code).toBe(0);
  });

  it('names files in a repository by repo-relative path, so worktrees share a lease', () => {
    const a = join(base, 'wt-a');
    const b = join(base, 'wt-b');
    const repo = { CC_AGENT_LEASE_REPO: 'abc123def456' };
    relay('j1', pre('Edit', { file_path: join(a, 'src/app.ts') }), {
      ...repo,
      CC_AGENT_LEASE_ROOT: a,
    });
    expect(last()?.[0]).toMatchObject({ key: 'abc123def456:src/app.ts', outcome: 'took' });
    relay('j2', pre('Edit', { file_path: join(b, 'src/app.ts') }), {
      ...repo,
      CC_AGENT_LEASE_ROOT: b,
    });
    expect(last()?.[0]).toMatchObject({
      key: 'abc123def456:src/app.ts',
      path: join(b, 'src/app.ts'),
      outcome: 'conflict',
      holder: 'j1',
    });
    // Outside the root: the absolute path.
    relay('j2', pre('Edit', { file_path: '/etc/hosts' }), { ...repo, CC_AGENT_LEASE_ROOT: b });
    expect(last()?.[0]).toMatchObject({ key: '/etc/hosts' });
  });

  it('reads every edit tool: relative paths, NotebookEdit, apply_patch; other tools take nothing', () => {
    relay('j1', pre('Write', { file_path: 'rel/*.ts', content: '$(touch pwned)' }));
    expect(last()?.[0]).toMatchObject({ path: join(work, 'rel/*.ts') });
    relay('j1', pre('NotebookEdit', { notebook_path: join(work, 'n.ipynb'), new_source: 'x' }));
    expect(last()?.[0]).toMatchObject({ path: join(work, 'n.ipynb') });
    relay('j1', pre('MultiEdit', { file_path: join(work, 'm.ts'), edits: [] }));
    expect(last()?.[0]).toMatchObject({ path: join(work, 'm.ts') });
    const patch =
      '*** Begin Patch\n*** Update File: src/one.rs\n@@\n-a\n+b\n*** Add File: two.rs\n+x\n*** End Patch';
    relay('j1', pre('apply_patch', { command: ['apply_patch', patch] }));
    expect(last()?.map((v) => v.path)).toEqual([join(work, 'src/one.rs'), join(work, 'two.rs')]);
    relay('j1', pre('Bash', { command: 'echo "file_path":"/etc/passwd"' }));
    expect(last()).toBeUndefined();
    relay('j1', pre('Read', { file_path: join(work, 'r.ts') }));
    expect(last()).toBeUndefined();
    expect(readdirSync(work)).toEqual([]);
  });

  it('leaves what it cannot name safely to the engine: a quote or backslash in the path', () => {
    expect(relay('j1', pre('Write', { file_path: join(work, 'a"b'), content: '' })).code).toBe(0);
    expect(relay('j1', pre('Write', { file_path: join(work, 'a\\b'), content: '' })).code).toBe(0);
    expect(verdicts()).toEqual([undefined, undefined]);
  });

  it('takes over a lease whose runner is gone, and a tampered owner line cannot break the envelope', () => {
    const file = join(work, 'stale.ts');
    relay('j1', pre('Write', { file_path: file, content: 'a' }), { CC_AGENT_RUNNER_PID: '999999' });
    relay('j2', pre('Write', { file_path: file, content: 'b' }));
    expect(last()?.[0]).toMatchObject({ holder: 'j2', outcome: 'took' });
    const dir = join(home, 'file-leases', last()?.[0]?.dir as string);
    writeFileSync(join(dir, 'owner'), `x","outcome":"took ${process.pid} warn ${file}\n`);
    expect(relay('j3', pre('Write', { file_path: file, content: 'c' })).code).toBe(0);
    expect(last()?.[0]).toMatchObject({ holder: 'unknown', outcome: 'conflict' });
  });

  it('twenty agents racing for one file: exactly one takes it', async () => {
    const file = join(work, 'race.ts');
    const runs = Array.from(
      { length: 20 },
      (_, i) =>
        new Promise<number>((resolve) => {
          const child = spawn('sh', [RELAY, '--lease'], { env: envFor(`r${i}`), cwd: work });
          child.on('close', (code) => resolve(code ?? -1));
          child.stdin.end(pre('Write', { file_path: file, content: String(i) }));
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(20).fill(0));
    const outcomes = verdicts().map((v) => v?.[0]?.outcome);
    expect(outcomes.filter((o) => o === 'took')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(19);
  });
});

describe('leaseVerdicts: what the engine accepts from an envelope', () => {
  const good = {
    dir: '123-45',
    key: 'k',
    path: '/a',
    holder: 'j1',
    outcome: 'took',
    mode: 'warn',
  };
  it('keeps well-formed verdicts and drops the rest, never throwing', () => {
    expect(leaseVerdicts([good])).toEqual([good]);
    expect(
      leaseVerdicts([
        { ...good, dir: '../../etc' },
        { ...good, path: 'relative' },
        { ...good, holder: 'a"b' },
        { ...good, outcome: 'stolen' },
        { ...good, mode: 'maybe' },
        { ...good, key: '' },
        null,
        'x',
      ]),
    ).toEqual([]);
    expect(leaseVerdicts({ not: 'a list' })).toEqual([]);
    expect(leaseVerdicts(undefined)).toEqual([]);
  });
});
