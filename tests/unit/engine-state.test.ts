import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { doneSummary, toolLabel, transition } from '../../src/engine/state/activity.js';

const idle = { activity: 'idle' as const, detail: null };
const working = { activity: 'working' as const, detail: null };

describe('the activity state machine', () => {
  it('a turn: prompt → working (with the tool) → waiting', () => {
    expect(transition(idle, 'UserPromptSubmit', { prompt: 'x' })).toEqual(working);
    expect(
      transition(working, 'PreToolUse', {
        tool_name: 'Edit',
        tool_input: { file_path: 'src/a.ts' },
      }),
    ).toEqual({ activity: 'working', detail: { label: 'Using Edit… src/a.ts', tool: 'Edit' } });
    expect(
      transition(working, 'Stop', { last_assistant_message: 'ok', background_tasks: [] }),
    ).toEqual({
      activity: 'waiting',
      detail: null,
      summary: 'ok',
    });
  });

  it('PermissionRequest → needs_permission with tool and input; PostToolUse resumes work', () => {
    const t = transition(working, 'PermissionRequest', {
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf x' },
    });
    expect(t).toMatchObject({
      activity: 'needs_permission',
      detail: { tool: 'Bash', input: { command: 'rm -rf x' } },
    });
    const asking = { activity: 'needs_permission' as const, detail: t.detail ?? null };
    expect(transition(asking, 'PostToolUse', { tool_name: 'Bash' })).toEqual(working);
    // A late permission notification does not overwrite the richer PermissionRequest detail.
    expect(transition(asking, 'Notification', { notification_type: 'permission_prompt' })).toEqual(
      {},
    );
    expect(
      transition(working, 'Notification', { notification_type: 'permission_prompt', message: 'm' }),
    ).toMatchObject({
      activity: 'needs_permission',
    });
    expect(transition(working, 'Notification', { notification_type: 'idle_prompt' })).toEqual({});
  });

  it('a huge tool input is cut in the detail (a Write carries the whole file)', () => {
    const t = transition(working, 'PermissionRequest', {
      tool_name: 'Write',
      tool_input: { content: 'x'.repeat(100_000) },
    });
    expect(JSON.stringify(t.detail).length).toBeLessThan(2500);
  });

  it('Stop with background tasks keeps working; the done marker completes with its summary', () => {
    expect(
      transition(working, 'Stop', {
        last_assistant_message: 'bg',
        background_tasks: [{ id: 'b1' }],
      }),
    ).toMatchObject({ activity: 'working', detail: { background: 1 } });
    expect(
      transition(working, 'Stop', {
        last_assistant_message: 'Wrote it.\n[cc-agent:done] added tests',
        background_tasks: [],
      }),
    ).toMatchObject({ activity: 'waiting', done: 'added tests' });
    expect(doneSummary('no marker here')).toBeUndefined();
    expect(doneSummary('[cc-agent:done]')).toBe('');
  });

  it('sessions: start/clear → idle; manual compact ends idle, automatic keeps working', () => {
    expect(transition(working, 'SessionStart', { source: 'clear' })).toEqual(idle);
    const manual = transition(idle, 'PreCompact', { trigger: 'manual' });
    expect(manual).toMatchObject({ activity: 'working', detail: { compact: 'manual' } });
    expect(
      transition({ activity: 'working', detail: manual.detail ?? null }, 'SessionStart', {
        source: 'compact',
      }),
    ).toEqual(idle);
    const auto = transition(working, 'PreCompact', { trigger: 'auto' });
    expect(
      transition({ activity: 'working', detail: auto.detail ?? null }, 'SessionStart', {
        source: 'compact',
      }),
    ).toEqual(working);
  });

  it('unknown events change nothing; labels cut long targets', () => {
    expect(transition(working, 'MessageDisplay', {})).toEqual({});
    expect(toolLabel('Bash', { command: `${'a'.repeat(100)}\nsecond` })).toMatch(
      /^Using Bash… a{59}…$/,
    );
  });
});

describe('retention', () => {
  const homes: string[] = [];
  afterEach(() => homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prunes events, history and metrics past their settings, at most hourly', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cc-retention-'));
    homes.push(home);
    const DAY = 86_400_000;
    let now = 1_800_000_000_000;
    const engine = createEngine({
      home,
      env: { CC_AGENT_TMUX_SOCKET: 'unused-retention' },
      now: () => now,
    });
    engine.settings({ key: 'retention.hook_events_days', value: '2' });
    const db = new Database(join(home, 'cc-agent.db'));
    const ev = db.prepare(
      "INSERT INTO hook_events (spool_name, job_id, ts, event, payload) VALUES (?, 'j', ?, 'Stop', '{}')",
    );
    ev.run('old', now - 3 * DAY);
    ev.run('new', now - 1 * DAY);
    db.prepare(
      "INSERT INTO job_history (job_id, status, ended_at, data) VALUES ('h1', 'completed', ?, '{}')",
    ).run(now - 400 * DAY);
    db.prepare(
      "INSERT INTO job_history (job_id, status, ended_at, data) VALUES ('h2', 'completed', ?, '{}')",
    ).run(now - 10 * DAY);
    await engine.refresh();
    const names = () => db.prepare('SELECT spool_name FROM hook_events ORDER BY ts').pluck().all();
    expect(names()).toEqual(['new']);
    expect(db.prepare('SELECT job_id FROM job_history').pluck().all()).toEqual(['h2']);
    // Within the hour nothing is pruned again; after it, the next stale event goes.
    ev.run('stale', now - 5 * DAY);
    await engine.refresh();
    expect(names()).toEqual(['stale', 'new']);
    now += 61 * 60_000;
    await engine.refresh();
    expect(names()).toEqual(['new']);
    db.close();
    engine.close();
  });
});
