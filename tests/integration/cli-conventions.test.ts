import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, Approval, HookEventRecord, Trigger } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { READY, jobJson, startDemo, waitForScreen, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/** Five and a half hours east of UTC, no daylight saving: local time cannot pass for UTC. */
const TZ = 'Asia/Kolkata';
const OFFSET_MS = 330 * 60_000;
const LOCAL = /\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\b/g;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** What the CLI must print for an instant in TZ: `2026-12-06 14:03:07`. */
const local = (at: string | number): string =>
  new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

const money = (text: string): string[] => text.match(/\$\d+\.\d+/g) ?? [];

describe('CLI conventions: one time format, clean, health, usage, cost, dashboard', () => {
  let h: Harness;
  let id: string;
  const tz = { env: { TZ } };
  beforeAll(async () => {
    h = createHarness('conv');
    id = await startDemo(h, 'Write notes [[work 1]] [[done "noted"]]');
    await waitForStatus(h, id, 'completed');
  });
  afterAll(() => h.cleanup());

  it('events, activity, approvals list and trigger list print the same local time; --json keeps ISO UTC', async () => {
    // A confirm trigger files an approval once work is queued; approving it fires the trigger.
    await h.ok([
      'trigger',
      'add',
      'review',
      'threshold',
      'queue_depth >= 1',
      'notify',
      '--payload',
      '{"message":"review"}',
      '--autonomy',
      'confirm',
    ]);
    await h.ok(['queue', 'add', 'a task']);
    await h.ok(['pulse', 'start']);
    const [approval] = await waitFor(async () => {
      const a = JSON.parse(await h.ok(['approvals', 'list', '--json'])) as Approval[];
      return a.length > 0 ? a : undefined;
    }, 'the confirm trigger to file an approval');
    await h.ok(['pulse', 'stop']);
    await h.ok(['approvals', 'approve', (approval as Approval).id]);

    const events = (await h.ok(['events', '--job', id, '--json']))
      .split('\n')
      .map((l) => JSON.parse(l) as HookEventRecord);
    const activity = JSON.parse(await h.ok(['activity', '--json'])) as ActivityEntry[];
    const approvals = JSON.parse(await h.ok(['approvals', 'list', '--json'])) as Approval[];
    const triggers = JSON.parse(await h.ok(['trigger', 'list', '--json'])) as Trigger[];
    for (const iso of [
      ...activity.map((a) => a.ts),
      ...approvals.map((a) => a.createdAt),
      ...triggers.map((t) => t.lastFiredAt ?? ''),
    ])
      expect(iso).toMatch(ISO_UTC);
    expect(activity.length).toBeGreaterThan(0);

    const shown = async (args: string[], instants: (string | number)[]): Promise<void> => {
      const out = await h.ok(args, tz);
      expect(out, args.join(' ')).not.toMatch(/\d\dT\d\d|\d\dZ\b/);
      expect(out.match(LOCAL), args.join(' ')).toEqual(instants.map(local));
    };
    await shown(
      ['events', '--job', id],
      events.map((e) => e.ts),
    );
    await shown(
      ['activity'],
      activity.map((a) => a.ts),
    );
    await shown(
      ['approvals', 'list'],
      approvals.map((a) => a.createdAt),
    );
    await shown(
      ['trigger', 'list'],
      triggers.map((t) => t.lastFiredAt as string),
    );
  });

  it('clean says its cutoff', async () => {
    const before = Date.now();
    const out = await h.ok(['clean', '--older-than', '2d'], tz);
    const m = /^removed 0 jobs that ended before (\S+ \S+) \(older than 2d\)$/.exec(out);
    expect(m, out).not.toBeNull();
    const cutoff = Date.parse(`${(m as RegExpExecArray)[1]?.replace(' ', 'T')}Z`) - OFFSET_MS;
    expect(Math.abs(cutoff - (before - 2 * 86_400_000))).toBeLessThan(60_000);
  });

  it('health: missing agent CLIs are warnings, and the last line agrees with the exit code', async () => {
    const bin = h.tempDir('bin');
    const tmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(tmux, join(bin, 'tmux'));
    const r = await h.cli(['health'], { env: { PATH: bin } });
    const lines = r.stdout.trim().split('\n');
    for (const cli of ['claude', 'codex', 'gemini'])
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^warn {2}${cli} +not installed`)),
      );
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(lines.at(-1)).toBe('Status: ok, with 3 warnings (claude, codex, gemini)');
    expect(r.code).toBe(0);
    // Without tmux: a failure, named on the last line, and exit 1.
    const none = await h.cli(['health'], { env: { PATH: h.tempDir('empty') } });
    const last = none.stdout.trim().split('\n');
    expect(last).toContainEqual(expect.stringMatching(/^FAIL {2}tmux /));
    expect(last.at(-1)).toBe('Status: failed (tmux), with 3 warnings (claude, codex, gemini)');
    expect(none.code).toBe(1);
  });

  it('usage prints the usage figures, not the pane; cost agrees across usage, status and jobs', async () => {
    const live = await startDemo(h, 'Count the files [[work 1]] [[say "12 files"]]');
    await waitForScreen(h, live, '12 files');
    await waitForScreen(h, live, READY);
    const job = await waitFor(async () => {
      const j = await jobJson(h, live);
      return j.costUsd > 0 ? j : undefined;
    }, 'the job to have a cost');
    const out = await h.ok(['usage', live]);
    const lines = out.split('\n');
    expect(lines.map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'cost',
      'tokens',
      'context',
      'turns',
      'model',
    ]);
    expect(out).not.toMatch(/Count the files|12 files|for shortcuts|Esc to close|[╭╰│]/);
    expect(lines[3]).toMatch(/^turns\s+1$/);
    expect(lines[4]).toMatch(/^model\s+opus \(effort xhigh\)$/);
    const status = await h.ok(['status', live]);
    const row = (await h.ok(['jobs'])).split('\n').find((l) => l.startsWith(live)) ?? '';
    const shown = [money(lines[0] ?? ''), money(status), money(row)];
    expect(shown.map((m) => m.length)).toEqual([1, 1, 1]);
    expect(new Set(shown.flat()).size).toBe(1);
    expect(shown[0]).toEqual([`$${job.costUsd.toFixed(2)}`]);
    await waitForScreen(h, live, READY);
  });

  it("the guide's dashboard and dashboard-stop are serve --detach and serve stop", async () => {
    const started = await h.ok(['dashboard', '--port', '0']);
    expect(started).toMatch(
      /^serving \(pid \d+\) on http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/,
    );
    expect(await h.ok(['serve', 'status'])).toMatch(/^serving \(pid \d+\)/);
    // The queue and trigger made above outlive the server: its pulse goes on, and it says so.
    expect(await h.ok(['dashboard-stop'])).toMatch(
      /^stopped \(pid \d+\)\nthe pulse goes on in the background \(pid \d+\): 1 queued task, 1 trigger; stop it with cc-agent pulse stop$/,
    );
    expect(await h.ok(['serve', 'status'])).toBe('not serving');
    expect(await h.ok(['pulse', 'stop'])).toMatch(/^pulse stopped \(pid \d+\)$/);
    expect(await h.ok(['--help'])).toMatch(/^ {2}dashboard-stop +\S/m);
  });
});
