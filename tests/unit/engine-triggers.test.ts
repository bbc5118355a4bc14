import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { waitFor } from '../helpers/wait-for.js';

const T0 = Date.parse('2026-11-25T10:00:30Z');

describe('triggers, approvals and the pulse', () => {
  const homes: string[] = [];
  const engines: Engine[] = [];
  afterEach(() => {
    engines.splice(0).forEach((e) => e.close());
    homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const home = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'cc-triggers-'));
    homes.push(d);
    return d;
  };
  const open = (h: string, now: () => number = Date.now): Engine => {
    const e = createEngine({ home: h, env: { CC_AGENT_TMUX_SOCKET: 'unused-triggers' }, now });
    engines.push(e);
    return e;
  };

  it('a cron slot fires exactly once: two engines, a restart, then the next slot', async () => {
    const h = home();
    let now = T0;
    const a = open(h, () => now);
    a.triggers.add({
      name: 'every5',
      kind: 'cron',
      condition: '*/5 * * * *',
      action: 'queue_task',
      payload: '{"prompt":"tick"}',
    });
    const b = open(h, () => now);
    now = Date.parse('2026-11-25T10:05:01Z');
    await Promise.all([a.triggers.tick(), b.triggers.tick()]);
    expect(a.queue.list()).toHaveLength(1);
    const restarted = open(h, () => now);
    await restarted.triggers.tick();
    await a.triggers.tick();
    expect(a.queue.list()).toHaveLength(1);
    now = Date.parse('2026-11-25T10:10:00Z');
    await b.triggers.tick();
    await a.triggers.tick();
    expect(a.queue.list()).toHaveLength(2);
    expect(a.triggers.activity().filter((x) => x.kind === 'trigger_fired')).toHaveLength(2);
  });

  it('slots missed while nothing ran fire once, not once per missed slot; a disabled trigger never', async () => {
    const h = home();
    let now = T0;
    const e = open(h, () => now);
    e.triggers.add({
      name: 'minutely',
      kind: 'cron',
      condition: '* * * * *',
      action: 'queue_task',
      payload: '{"prompt":"m"}',
    });
    now += 10 * 60_000;
    await e.triggers.tick();
    expect(e.queue.list()).toHaveLength(1);
    e.triggers.toggle('minutely');
    now += 5 * 60_000;
    await e.triggers.tick();
    expect(e.queue.list()).toHaveLength(1);
  });

  it('cooldown holds back a trigger that would fire again too soon', async () => {
    let now = T0;
    const e = open(home(), () => now);
    e.triggers.add({
      name: 'busy',
      kind: 'threshold',
      condition: 'queue_depth >= 1',
      action: 'notify',
      cooldown: 120,
    });
    e.queue.add('waiting work');
    await e.triggers.tick();
    now += 60_000;
    await e.triggers.tick();
    expect(e.triggers.activity().filter((x) => x.kind === 'trigger_fired')).toHaveLength(1);
    now += 61_000;
    await e.triggers.tick();
    expect(e.triggers.activity().filter((x) => x.kind === 'trigger_fired')).toHaveLength(2);
  });

  it('confirm: an approval (what, why, which trigger); approving twice executes once; it survives a restart', async () => {
    const h = home();
    let now = T0;
    const e = open(h, () => now);
    e.triggers.add({
      name: 'nightly',
      kind: 'cron',
      condition: '@hourly',
      action: 'queue_task',
      payload: '{"prompt":"audit"}',
      autonomy: 'confirm',
    });
    now = Date.parse('2026-11-25T11:00:05Z');
    await e.triggers.tick();
    expect(e.queue.list()).toHaveLength(0);
    const again = open(h, () => now);
    const [pending] = again.triggers.approvals();
    expect(pending).toMatchObject({
      status: 'pending',
      triggerName: 'nightly',
      action: 'queue_task',
      payload: { prompt: 'audit' },
    });
    expect(pending?.reason).toContain('cron slot 2026-11-25T11:00:00.000Z');
    const [x, y] = await Promise.allSettled([
      e.triggers.approve(pending?.id as string),
      again.triggers.approve(pending?.id as string),
    ]);
    expect([x.status, y.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(e.queue.list().map((t) => t.prompt)).toEqual(['audit']);
    await expect(e.triggers.reject(pending?.id as string)).rejects.toThrow(/already approved/);
    await expect(e.triggers.approve('deadbeef')).rejects.toThrow(/no approval with id 'deadbeef'/);
  });

  it('stale approvals expire by the configured age', async () => {
    let now = T0;
    const e = open(home(), () => now);
    e.settings({ key: 'approvals.max_age_hours', value: '2' });
    e.triggers.add({
      name: 'ask',
      kind: 'threshold',
      condition: 'queue_depth > 0',
      action: 'notify',
      autonomy: 'confirm',
    });
    e.queue.add('x');
    await e.triggers.tick();
    now += 3 * 3_600_000;
    expect(e.triggers.approvals().map((a) => a.status)).toEqual(['expired']);
  });

  it('an event trigger acts at once in a live engine; only the lease holder acts', async () => {
    const h = home();
    const a = open(h);
    const b = open(h);
    a.triggers.add({
      name: 'on-remove',
      kind: 'event',
      condition: 'queue_removed',
      action: 'notify',
      payload: '{"message":"a task went"}',
    });
    const liveA = await a.live({ pulse: true, tickMs: 200 });
    const liveB = await b.live({ pulse: true, tickMs: 200 });
    try {
      const heard: string[] = [];
      a.events.on('notification', (n) => heard.push(n.message));
      b.events.on('notification', (n) => heard.push(n.message));
      const t = a.queue.add('doomed');
      const started = Date.now();
      a.queue.remove(t.id);
      await waitFor(() => heard.length > 0, 'the notification');
      expect(Date.now() - started).toBeLessThan(1000);
      // B's own removal: B is not the leader, so B's engine does not act on it.
      const u = b.queue.add('doomed too');
      b.queue.remove(u.id);
      expect(heard).toEqual(['a task went']);
    } finally {
      await liveA.stop();
      await liveB.stop();
    }
  });

  it('a trigger never re-fires on an event its own action caused (no loop)', async () => {
    const e = open(home());
    e.triggers.add({
      name: 'echo',
      kind: 'event',
      condition: 'queue_updated',
      action: 'queue_task',
      payload: '{"prompt":"follow-up"}',
    });
    e.triggers.add({ name: 'marker', kind: 'event', condition: 'queue_removed', action: 'notify' });
    const live = await e.live({ pulse: true, tickMs: 200 });
    try {
      const heard: string[] = [];
      e.events.on('notification', (n) => heard.push(n.title));
      const t = e.queue.add('from a person');
      await waitFor(() => e.queue.list().length === 2, 'the follow-up task');
      // The pulse reacts to events one at a time, in order: once the marker (emitted after the
      // follow-up's own queue_updated) has been handled, a loop would already have shown.
      e.queue.remove(t.id);
      await waitFor(() => heard.includes('Trigger marker'), 'the marker');
      expect(e.queue.list().map((x) => x.prompt)).toEqual(['follow-up']);
    } finally {
      await live.stop();
    }
  });

  it('events from elsewhere while an action is still running are not mistaken for its own', async () => {
    const e = open(home());
    e.triggers.add({
      name: 'on-remove',
      kind: 'event',
      condition: 'queue_removed',
      action: 'notify',
    });
    const live = await e.live({ pulse: true, tickMs: 200 });
    try {
      let heard = 0;
      e.events.on('notification', () => heard++);
      for (let i = 1; i <= 5; i++) {
        // The notification comes first in the notify action, which then still awaits tmux:
        // the next removal happens while that action is running.
        const t = e.queue.add(`task ${i}`);
        e.queue.remove(t.id);
        await waitFor(() => heard === i, `notification ${i}`, 5000, 1);
      }
    } finally {
      await live.stop();
    }
  });
});
