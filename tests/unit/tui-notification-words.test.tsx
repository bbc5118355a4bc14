import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Task } from '../../src/engine/index.js';
import { App } from '../../src/tui/app.js';
import { activityWords, pulseWords } from '../../src/tui/activity-words.js';
import { OrchestratorBlock } from '../../src/tui/panels/orchestrator-block.js';
import { fakeJob, T0 } from '../helpers/job-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * What the Notifications and Orchestrator panels say, as a user reads it: which job or
 * trigger, what happened, at the local time of day — no lease holders, no raw JSON, no ids
 * standing alone.
 */
let home: string;
let engine: Engine;
const tz = process.env['TZ'];

// A zone far from UTC: a clock printed in UTC would show.
beforeAll(() => {
  process.env['TZ'] = 'Asia/Kolkata';
});
afterAll(() => {
  if (tz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = tz;
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-tui-notes-'));
  engine = createEngine({ home, env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-notes' } });
});
afterEach(() => {
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

describe('notifications in words', () => {
  it('names the job and its task, the trigger and what it wants, at local time', async () => {
    const app = render(<App engine={engine} cwd={home} />);
    const frame = (): string => app.lastFrame() ?? '';
    try {
      await waitFor(() => frame().includes('1 Jobs'), 'the first frame');
      const before = Date.now();
      engine.events.emit(
        'job_completed',
        fakeJob('6023f4ff', {
          status: 'completed',
          promptPreview: 'Audit errors [[work 4]] [[done "3 issues found"]]',
          summary: '3 issues found',
        }),
      );
      engine.events.emit(
        'job_failed',
        fakeJob('74a331f2', {
          status: 'failed',
          promptPreview: 'Migrate the database',
          error: 'agent exited with status 2',
        }),
      );
      // A confirm trigger files an approval (the engine's own event announces it).
      engine.triggers.add({
        name: 'demo-review',
        kind: 'threshold',
        condition: 'queue_depth >= 1',
        action: 'notify',
        payload: '{"message":"Work is queued"}',
        autonomy: 'confirm',
      });
      engine.queue.add('something');
      await engine.triggers.tick();
      app.stdin.write('8');
      const f = await waitFor(
        () => (frame().includes('Approval needed') ? frame() : undefined),
        'the notes',
        5000,
      );
      expect(f).toContain('Job 6023f4ff finished: Audit errors — 3 issues found');
      expect(f).toContain('Job 74a331f2 failed: Migrate the database — agent exited with status 2');
      expect(f).toContain(
        'Approval needed: trigger demo-review wants to notify you (queue_depth >= 1 (now 1))',
      );
      expect(f).not.toContain('[[');
      // Local time of day (here UTC+05:30), not the UTC clock.
      const local = new Date(before);
      const hh = String(local.getHours()).padStart(2, '0');
      const mm = String(local.getMinutes()).padStart(2, '0');
      expect(f).toMatch(new RegExp(`^${hh}:${mm}:\\d\\d  Job 6023f4ff`, 'm'));
    } finally {
      app.unmount();
    }
  });
});

describe('the orchestrator panel in words', () => {
  it('says who leads the pulse instead of the lease holder', () => {
    const o = engine.orchestrator.peek();
    const mine = { pid: null, leader: `vm:${process.pid}:ab3937`, leaseExpiresAt: null };
    const { lastFrame, unmount } = render(<OrchestratorBlock o={{ ...o, pulse: mine }} />);
    const f = lastFrame() ?? '';
    unmount();
    expect(f).toContain('pulse: led by this TUI');
    expect(f).not.toMatch(/vm:\d+:/);
    expect(pulseWords({ pid: 2275, leader: 'vm:2275:ab3937', leaseExpiresAt: null }, 1)).toBe(
      'pulse: led by the background pulse (pid 2275; cc-agent pulse stop)',
    );
    expect(pulseWords({ pid: null, leader: null, leaseExpiresAt: null })).toMatch(/nobody/);
  });

  it('tells its audit trail as sentences, tasks by what they ask', () => {
    const at = { seq: 1, ts: new Date(T0).toISOString() };
    const task = {
      id: '23ae1922',
      prompt: 'Update the changelog\n[[work 3]]',
    } as Task;
    expect(
      activityWords({ ...at, kind: 'task_dispatched', detail: { task: '23ae1922', priority: 5 } }, [
        task,
      ]),
    ).toBe('gave the orchestrator task 23ae1922 "Update the changelog" (priority 5)');
    expect(
      activityWords({ ...at, kind: 'workers_reported', detail: { workers: ['6023f4ff'] } }),
    ).toBe('told the orchestrator about worker 6023f4ff');
    expect(activityWords({ ...at, kind: 'mode_activated', detail: { mode: 'sprint' } })).toBe(
      'mode activated: mode sprint',
    );
  });
});
