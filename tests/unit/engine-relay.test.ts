import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const RELAY = fileURLToPath(new URL('../../hooks/relay-event.sh', import.meta.url));

/** A real hook payload shape (Claude Code 2.1 SessionStart), with text that tests escaping. */
const PAYLOAD =
  '{"session_id":"51a0d510-617a-4d63-8114-ae4425e6dd3a","transcript_path":"/home/dev/.claude/projects/-home-dev-proj/51a0d510.jsonl","cwd":"/home/dev/it\'s \\"here\\"","hook_event_name":"SessionStart","source":"startup","note":"tab\\t nl\\n 🎉 中文 $(x) `y` \\\\"}';

describe('hooks/relay-event.sh (real sh)', () => {
  let base: string;
  let home: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'cc-agent-relay-'));
    home = join(base, 'cc home');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** Run the relay as an agent would: payload on stdin, job id and home in the environment. */
  function relay(input: string | Buffer, env: Record<string, string | undefined>) {
    const full: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: join(base, 'user') };
    for (const [k, v] of Object.entries(env)) if (v !== undefined) full[k] = v;
    const started = Date.now();
    const r = spawnSync('sh', [RELAY], { input, env: full });
    return { code: r.status, pid: r.pid, started, ended: Date.now(), stderr: String(r.stderr) };
  }
  const spool = (h = home): string => join(h, 'spool');

  it('writes exactly one <19-digit ns>.<pid>.json holding {v, job_id, ts, payload}', () => {
    mkdirSync(spool(), { recursive: true });
    const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: '0badcafe', CC_AGENT_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const files = readdirSync(spool());
    expect(files).toHaveLength(1);
    const name = files[0] as string;
    expect(name).toMatch(/^\d{19}\.\d+\.json$/);
    expect(name.split('.')[1]).toBe(String(r.pid));

    const text = readFileSync(join(spool(), name), 'utf8');
    const parsed = JSON.parse(text) as { v: number; job_id: string; ts: number; payload: unknown };
    expect(Object.keys(parsed)).toEqual(['v', 'job_id', 'ts', 'payload']);
    expect(parsed.v).toBe(1);
    expect(parsed.job_id).toBe('0badcafe');
    // Milliseconds, taken while the relay ran, and the file name's leading digits.
    expect(parsed.ts).toBeGreaterThanOrEqual(r.started - 5);
    expect(parsed.ts).toBeLessThanOrEqual(r.ended + 5);
    expect(String(parsed.ts)).toBe(name.slice(0, 13));
    // The payload is copied byte for byte, not re-encoded.
    expect(text).toBe(`{"v":1,"job_id":"0badcafe","ts":${parsed.ts},"payload":${PAYLOAD}}\n`);
    expect(parsed.payload).toEqual(JSON.parse(PAYLOAD));
  });

  it('keeps a large payload intact (a Write of a whole file) and leaves no temp file', () => {
    const big = JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: '/x', content: 'line "q"\n'.repeat(50_000) },
    });
    const r = relay(big, { CC_AGENT_JOB_ID: 'abc_DEF-123', CC_AGENT_HOME: home });
    expect(r.code).toBe(0);
    const files = readdirSync(spool());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.json$/);
    const text = readFileSync(join(spool(), files[0] as string), 'utf8');
    expect(text.endsWith(`"payload":${big}}\n`)).toBe(true);
    expect((JSON.parse(text) as { job_id: string }).job_id).toBe('abc_DEF-123');
  });

  it('creates a missing spool directory (and its parents)', () => {
    expect(existsSync(home)).toBe(false);
    const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: '0badcafe', CC_AGENT_HOME: home });
    expect(r.code).toBe(0);
    expect(readdirSync(spool())).toHaveLength(1);
  });

  it('falls back to $HOME/.cc-agent without CC_AGENT_HOME', () => {
    mkdirSync(join(base, 'user'), { recursive: true }); // a real $HOME exists
    const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: '0badcafe' });
    expect(r.code).toBe(0);
    expect(readdirSync(spool(join(base, 'user', '.cc-agent')))).toHaveLength(1);
  });

  it('never recreates a home whose parent is gone (a late hook after a teardown)', () => {
    const gone = join(base, 'removed-tree', 'home');
    const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: '0badcafe', CC_AGENT_HOME: gone });
    expect(r.code).toBe(0);
    expect(existsSync(join(base, 'removed-tree'))).toBe(false);
  });

  it('does nothing (exit 0) when CC_AGENT_JOB_ID is unset or empty', () => {
    expect(relay(PAYLOAD, { CC_AGENT_HOME: home }).code).toBe(0);
    expect(relay(PAYLOAD, { CC_AGENT_HOME: home, CC_AGENT_JOB_ID: '' }).code).toBe(0);
    expect(existsSync(home)).toBe(false);
  });

  it('does nothing (exit 0) for an id that could break the JSON envelope', () => {
    for (const id of ['a"b', 'a\\b', 'a b', 'a\nb', '$(x)', 'é']) {
      const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: id, CC_AGENT_HOME: home });
      expect(r.code).toBe(0);
    }
    expect(existsSync(home)).toBe(false);
  });

  it('exits 0 even when the spool cannot be written, leaving nothing behind', () => {
    mkdirSync(base, { recursive: true });
    writeFileSync(home, 'a file where the home should be');
    const r = relay(PAYLOAD, { CC_AGENT_JOB_ID: '0badcafe', CC_AGENT_HOME: home });
    expect(r.code).toBe(0);
    expect(readdirSync(base).sort()).toEqual(['cc home']);
  });

  it("wraps the job's launch key into the envelope; a key that could break it is left out", () => {
    const key = '00112233445566778899aabbccddeeff';
    relay(PAYLOAD, { CC_AGENT_JOB_ID: 'j1', CC_AGENT_HOME: home, CC_AGENT_HOOK_KEY: key });
    const [name] = readdirSync(spool());
    const text = readFileSync(join(spool(), name as string), 'utf8');
    expect(text).toMatch(new RegExp(`^\\{"v":1,"job_id":"j1","ts":\\d+,"key":"${key}","payload":`));
    expect((JSON.parse(text) as { key: string }).key).toBe(key);
    rmSync(spool(), { recursive: true });
    relay(PAYLOAD, { CC_AGENT_JOB_ID: 'j1', CC_AGENT_HOME: home, CC_AGENT_HOOK_KEY: 'a","x":"' });
    const [other] = readdirSync(spool());
    const parsed = JSON.parse(readFileSync(join(spool(), other as string), 'utf8')) as object;
    expect(Object.keys(parsed)).toEqual(['v', 'job_id', 'ts', 'payload']);
  });

  it('two events relayed in turn sort in the order they were sent', () => {
    relay('{"hook_event_name":"PreToolUse"}', { CC_AGENT_JOB_ID: 'j1', CC_AGENT_HOME: home });
    relay('{"hook_event_name":"PostToolUse"}', { CC_AGENT_JOB_ID: 'j1', CC_AGENT_HOME: home });
    const files = readdirSync(spool()).sort();
    expect(files).toHaveLength(2);
    const events = files.map(
      (f) =>
        (
          JSON.parse(readFileSync(join(spool(), f), 'utf8')) as {
            payload: { hook_event_name: string };
          }
        ).payload.hook_event_name,
    );
    expect(events).toEqual(['PreToolUse', 'PostToolUse']);
  });
});
