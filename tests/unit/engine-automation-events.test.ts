import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineEventName } from '../../src/engine/index.js';

/**
 * What the faces hear of the automation: each write once, from its repository, with nothing
 * left to the caller (a trigger added, switched, fired; an approval filed, decided, settled;
 * a mode activated; the pulse lease taken and released).
 */
const NAMES: EngineEventName[] = [
  'trigger_updated',
  'trigger_fired',
  'approval_updated',
  'mode_updated',
  'lease_updated',
];
let home: string;
let engine: Engine;
let heard: [EngineEventName, unknown][];
let now = Date.parse('2026-11-25T10:00:30Z');

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-automation-events-'));
  engine = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'unused-events' }, now: () => now });
  heard = [];
  for (const name of NAMES) engine.events.on(name, (data) => heard.push([name, data]));
});
afterEach(() => {
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

it('add, switch off, switch on, remove: one trigger_updated each, nothing else', () => {
  const t = engine.triggers.add({
    name: 'n',
    kind: 'event',
    condition: 'job_failed',
    action: 'notify',
  });
  engine.triggers.toggle('n');
  engine.triggers.toggle(t.id);
  engine.triggers.remove('n');
  expect(() => engine.triggers.remove('n')).toThrow(/no trigger/);
  expect(heard).toEqual(
    (['added', 'updated', 'updated', 'removed'] as const).map((change) => [
      'trigger_updated',
      { id: t.id, change },
    ]),
  );
});

it('a confirm trigger: pending heard once; rejected once; approved, then what came of it', async () => {
  const t = engine.triggers.add({
    name: 'ask',
    kind: 'cron',
    condition: '* * * * *',
    action: 'queue_task',
    payload: '{"prompt":"p"}',
    autonomy: 'confirm',
  });
  heard.length = 0;
  now += 60_000;
  await engine.triggers.tick();
  const [first] = engine.triggers.approvals();
  expect(heard.filter(([n]) => n === 'approval_updated')).toEqual([
    ['approval_updated', { id: first?.id, status: 'pending' }],
  ]);
  expect(heard.filter(([n]) => n === 'trigger_updated')).toEqual([
    ['trigger_updated', { id: t.id, change: 'updated' }], // the slot looked at
    ['trigger_updated', { id: t.id, change: 'updated' }], // the slot claimed
    ['trigger_updated', { id: t.id, change: 'updated' }], // the firing claimed
  ]);
  heard.length = 0;
  await engine.triggers.reject(first?.id as string);
  await expect(engine.triggers.approve(first?.id as string)).rejects.toThrow(/already rejected/);
  expect(heard).toEqual([['approval_updated', { id: first?.id, status: 'rejected' }]]);

  now += 60_000;
  await engine.triggers.tick();
  const second = engine.triggers.approvals().find((a) => a.status === 'pending');
  heard.length = 0;
  const after = await engine.triggers.approve(second?.id as string);
  expect(after.result).toMatch(/^queued task /);
  expect(heard).toEqual([
    ['approval_updated', { id: second?.id, status: 'approved' }],
    ['approval_updated', { id: second?.id, status: 'approved' }],
  ]);
});

it('an approval past its age is heard expiring once, when it is found', async () => {
  engine.triggers.add({
    name: 'ask',
    kind: 'cron',
    condition: '* * * * *',
    action: 'notify',
    autonomy: 'confirm',
  });
  now += 60_000;
  await engine.triggers.tick();
  now += 25 * 3_600_000;
  heard.length = 0;
  const [a] = engine.triggers.approvals();
  engine.triggers.approvals();
  expect(a?.status).toBe('expired');
  expect(heard).toEqual([['approval_updated', { id: a?.id, status: 'expired' }]]);
});

it('activating a mode: the old triggers go, the new come, the mode is active; a bad one changes nothing', () => {
  const old = engine.triggers.add({
    name: 'old',
    kind: 'event',
    condition: 'job_failed',
    action: 'notify',
  });
  heard.length = 0;
  engine.triggers.activateMode('dev');
  const ids = engine.triggers.list().map((t) => t.id);
  expect(heard).toEqual([
    ['trigger_updated', { id: old.id, change: 'removed' }],
    ...ids.map((id) => ['trigger_updated', { id, change: 'added' }]),
    ['mode_updated', { name: 'dev', change: 'activated' }],
  ]);
  // A custom mode whose stored trigger no longer validates (written by an older version).
  const db = new Database(engine.paths.db);
  db.prepare('INSERT INTO modes (name, description, triggers, created_at) VALUES (?, ?, ?, ?)').run(
    'broken',
    '',
    JSON.stringify([{ name: 'x', kind: 'cron', condition: 'not cron', action: 'notify' }]),
    now,
  );
  db.close();
  heard.length = 0;
  expect(() => engine.triggers.activateMode('broken')).toThrow(/invalid cron/);
  expect(engine.triggers.list().map((t) => t.id)).toEqual(ids);
  expect(engine.triggers.modes().find((m) => m.active)?.name).toBe('dev');
  expect(heard).toEqual([]);
});

it('custom modes: saved and deleted, heard once each', () => {
  engine.triggers.createMode('mine', { description: 'x' });
  engine.triggers.deleteMode('mine');
  expect(heard).toEqual([
    ['mode_updated', { name: 'mine', change: 'added' }],
    ['mode_updated', { name: 'mine', change: 'removed' }],
  ]);
});

it('a live pulse takes the lease (heard once) and gives it back when it stops', async () => {
  const live = await engine.live({ pulse: true, tickMs: 50 });
  expect(engine.pulseStatus().leader).not.toBeNull();
  await live.stop();
  expect(engine.pulseStatus().leader).toBeNull();
  const leases = heard.filter(([n]) => n === 'lease_updated');
  expect(leases).toHaveLength(2);
  expect(leases[0]?.[1]).toMatchObject({ name: 'pulse', holder: expect.any(String) });
  expect(leases[1]).toEqual(['lease_updated', { name: 'pulse', holder: null }]);
});
