import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trigger } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';

describe('trigger, approvals and activity from the CLI', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('triggers');
  });
  afterAll(() => h.cleanup());

  const triggers = async (): Promise<Trigger[]> =>
    JSON.parse(await h.ok(['trigger', 'list', '--json'])) as Trigger[];
  const refused = async (args: string[], message: string): Promise<void> => {
    const before = await triggers();
    const r = await h.cli(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    expect(await triggers()).toEqual(before);
  };

  it('add, list, toggle, remove', async () => {
    expect(
      await h.ok([
        'trigger',
        'add',
        'standup',
        'cron',
        '0 9 * * MON-FRI',
        'notify',
        '--payload',
        '{"message":"standup"}',
        '--cooldown',
        '60',
      ]),
    ).toBe('added trigger standup');
    await h.ok([
      'trigger',
      'add',
      'full',
      'threshold',
      'context_used_pct>=80',
      'clear_context',
      '--autonomy',
      'confirm',
    ]);
    await h.ok([
      'trigger',
      'add',
      'on-fail',
      'event',
      'job_failed',
      'queue_task',
      '--payload',
      '{"prompt":"look at the failure"}',
    ]);
    const all = await triggers();
    expect(all.map((t) => [t.name, t.kind, t.condition, t.autonomy])).toEqual([
      ['standup', 'cron', '0 9 * * MON-FRI', 'auto'],
      ['full', 'threshold', 'context_used_pct >= 80', 'confirm'],
      ['on-fail', 'event', 'job_failed', 'auto'],
    ]);
    expect(await h.ok(['trigger', 'toggle', 'standup'])).toBe('standup off');
    expect(await h.ok(['trigger', 'remove', 'on-fail'])).toBe('removed trigger on-fail');
    expect((await triggers()).map((t) => [t.name, t.enabled])).toEqual([
      ['standup', false],
      ['full', true],
    ]);
  });

  it('bad input: one clear line, non-zero exit, nothing stored', async () => {
    await refused(
      ['trigger', 'add', 'x', 'cron', '61 * * * *', 'notify'],
      "invalid cron '61 * * * *': CronPattern: Invalid value for minute: 61",
    );
    await refused(['trigger', 'add', 'x', 'cron', '* * * * * *', 'notify'], 'expected 5 fields');
    await refused(
      ['trigger', 'add', 'x', 'threshold', 'heat > 3', 'notify'],
      "invalid metric 'heat'",
    );
    await refused(
      ['trigger', 'add', 'x', 'threshold', 'queue_depth => 3', 'notify'],
      "invalid threshold 'queue_depth => 3'",
    );
    await refused(
      ['trigger', 'add', 'x', 'event', 'job_exploded', 'notify'],
      "invalid event 'job_exploded'",
    );
    await refused(
      ['trigger', 'add', 'x', 'event', 'job_failed', 'reboot'],
      "invalid action 'reboot'",
    );
    await refused(
      ['trigger', 'add', 'x', 'event', 'job_failed', 'notify', '--payload', '{nope'],
      'invalid --payload JSON',
    );
    await refused(
      ['trigger', 'add', 'x', 'event', 'job_failed', 'notify', '--cooldown=-5'],
      "invalid --cooldown '-5'",
    );
    await refused(
      ['trigger', 'add', 'x', 'event', 'job_failed', 'notify', '--autonomy', 'maybe'],
      "invalid --autonomy 'maybe'",
    );
    await refused(
      ['trigger', 'add', 'full', 'event', 'job_failed', 'notify'],
      "a trigger named 'full' already exists",
    );
    await refused(['trigger', 'toggle', 'ghost'], "no trigger 'ghost'");
    await refused(['approvals', 'approve', 'deadbeef'], "no approval with id 'deadbeef'");
    await refused(['approvals', 'shrug'], "unknown approvals subcommand 'shrug'");
  });

  it('approvals and activity start empty', async () => {
    expect(await h.ok(['approvals', 'list'])).toBe('no approvals');
    expect(JSON.parse(await h.ok(['activity', '--json']))).toEqual([]);
  });

  it('modes: presets activate atomically; a custom mode from the current triggers; delete', async () => {
    const list = JSON.parse(await h.ok(['mode', 'list', '--json'])) as {
      name: string;
      preset: boolean;
    }[];
    expect(list.filter((m) => m.preset).map((m) => m.name)).toEqual([
      'dev',
      'maintenance',
      'sprint',
    ]);
    expect(await h.ok(['mode', 'activate', 'sprint'])).toBe(
      'mode sprint active: sprint-queue-check, sprint-low-capacity, sprint-continuous',
    );
    expect((await triggers()).map((t) => t.name)).toEqual([
      'sprint-queue-check',
      'sprint-low-capacity',
      'sprint-continuous',
    ]);
    expect(
      await h.ok(['mode', 'create', 'mine', '--from-current', '--description', 'my setup']),
    ).toBe('created mode mine with 3 triggers');
    await h.ok(['mode', 'activate', 'maintenance']);
    expect((await triggers()).map((t) => [t.name, t.autonomy])).toEqual([
      ['maintenance-nightly-cleanup', 'confirm'],
      ['maintenance-weekly-audit', 'confirm'],
    ]);
    await h.ok(['mode', 'activate', 'mine']);
    expect((await triggers()).map((t) => t.name)).toEqual([
      'sprint-queue-check',
      'sprint-low-capacity',
      'sprint-continuous',
    ]);
    expect(await h.ok(['mode', 'list'])).toMatch(/^mine\s+\*\s+custom\s+3\s+my setup$/m);
    await refused(['mode', 'activate', 'ghost'], "no mode 'ghost'");
    await refused(['mode', 'delete', 'dev'], "'dev' is a built-in preset");
    await refused(['mode', 'create', 'mine'], "a mode named 'mine' already exists");
    expect(await h.ok(['mode', 'delete', 'mine'])).toBe('deleted mode mine');
  });
});
