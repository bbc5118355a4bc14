import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { createContext } from '../../src/engine/create-context.js';
import { startNotifier } from '../../src/engine/notify/notifier.js';
import { listActivity } from '../../src/engine/store/activity.js';
import { setSetting } from '../../src/engine/store/retention.js';
import { requestApproval } from '../../src/engine/triggers/approvals.js';
import type { TriggerRecord } from '../../src/engine/triggers/store.js';
import { jobRow } from '../helpers/job-row.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
let home: string;
let out: string;
let now: number;
let ctx: EngineContext;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc notifier '));
  out = join(home, 'sent notes.jsonl');
  now = T0;
  ctx = createContext({ home, env: { PATH: process.env['PATH'] }, now: () => now });
});
afterEach(() => {
  ctx.db.close();
  rmSync(home, { recursive: true, force: true });
});

/** notify.command: a real program reading the notification on stdin (the path has a space). */
const command = (script: string) =>
  setSetting(ctx, 'notify.command', JSON.stringify(['sh', '-c', script, 'sh', out]));
const appendStdin = () => command('cat >> "$1"');
const sent = (): Record<string, unknown>[] =>
  existsSync(out)
    ? readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const ended = (id: string, status: 'completed' | 'failed', at: number, over = {}) =>
  ctx.jobs.insert(
    jobRow(id, { status, ended_at: at, started_at: at - 1000, updated_at: at, ...over }),
  );
const failures = () =>
  listActivity(ctx)
    .filter((a) => a.kind === 'notify_failed')
    .map((a) => a.detail);

describe('startNotifier', () => {
  it('does nothing without notify.command', async () => {
    ended('a1', 'completed', T0);
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(sent()).toEqual([]);
  });

  it('sends a finished job once, with no link, and a failed one as failed', async () => {
    appendStdin();
    ended('a1', 'completed', T0 - 1000, { summary: 'all tests pass' });
    ended('b2', 'failed', T0 - 2000, { error: 'exit 3' });
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    n.tick();
    await n.idle();
    const notes = sent().sort((x, y) => String(x['job']).localeCompare(String(y['job'])));
    expect(notes.map((x) => [x['kind'], x['job'], x['link'], x['at']])).toEqual([
      ['finished', 'a1', null, new Date(T0 - 1000).toISOString()],
      ['failed', 'b2', null, new Date(T0 - 2000).toISOString()],
    ]);
    expect(notes[0]?.['title']).toBe('job a1 finished');
  });

  it('a second notifier (a new pulse leader) does not send them again', async () => {
    appendStdin();
    ended('a1', 'completed', T0);
    const first = startNotifier(ctx);
    first.tick();
    await first.idle();
    const second = startNotifier(ctx);
    second.tick();
    await second.idle();
    expect(sent()).toHaveLength(1);
  });

  it('leaves out what ended before the 10-minute horizon', async () => {
    appendStdin();
    ended('old', 'completed', T0 - 10 * 60 * 1000 - 1);
    ended('new', 'completed', T0 - 10 * 60 * 1000);
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(sent().map((x) => x['job'])).toEqual(['new']);
  });

  it('logs a failing command with its exit status and stderr', async () => {
    command('echo "topic not found" >&2; exit 3');
    ended('a1', 'completed', T0);
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(failures()).toEqual([
      { kind: 'finished', job: 'a1', program: 'sh', error: 'exit 3: topic not found' },
    ]);
  });

  it('logs a program that cannot run at all', async () => {
    setSetting(ctx, 'notify.command', JSON.stringify([join(home, 'no such notifier')]));
    ended('a1', 'completed', T0);
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(failures()).toHaveLength(1);
    expect(String(failures()[0]?.['error'])).toMatch(/ENOENT/);
  });

  it('logs a command that outlives notify.timeout_seconds as timed out', async () => {
    setSetting(ctx, 'notify.timeout_seconds', '1');
    command('exec sleep 30');
    ended('a1', 'completed', T0);
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(failures()).toEqual([
      { kind: 'finished', job: 'a1', program: 'sh', error: 'timed out after 1 s' },
    ]);
  });

  it('keeps at most 8 deliveries under way; the rest go on a later tick', async () => {
    const gate = join(home, 'go');
    // Each delivery waits for the gate file, so the first tick's stay in flight.
    command(`while [ ! -e '${gate}' ]; do sleep 0.02; done; cat >> "$1"`);
    for (let i = 0; i < 11; i++) ended(`j${i}`, 'completed', T0 - i);
    const n = startNotifier(ctx);
    n.tick();
    n.tick(); // still 8 under way: nothing more starts
    writeFileSync(gate, '');
    await n.idle();
    expect(sent()).toHaveLength(8);
    n.tick();
    await n.idle();
    expect(
      sent()
        .map((x) => x['job'])
        .sort(),
    ).toEqual(Array.from({ length: 11 }, (_, i) => `j${i}`).sort());
  });

  it('an approval gets a single-use link under notify.url', async () => {
    appendStdin();
    setSetting(ctx, 'notify.url', 'https://devbox.example:8443/');
    const trigger = {
      id: 't1',
      name: 'deploy gate',
      action: 'kill',
      payload: null,
    } as unknown as TriggerRecord;
    const approval = requestApproval(ctx, trigger, 'job failed twice');
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    const [note] = sent();
    expect(note?.['kind']).toBe('approval_pending');
    expect(note?.['approval']).toBe(approval.id);
    expect(String(note?.['link'])).toMatch(
      /^https:\/\/devbox\.example:8443\/l\/[A-Za-z0-9_-]{43}$/,
    );
  });

  it('an approval gets no link when there is no notify.url and no server running', async () => {
    appendStdin();
    const trigger = {
      id: 't1',
      name: 'gate',
      action: 'kill',
      payload: null,
    } as unknown as TriggerRecord;
    requestApproval(ctx, trigger, 'why');
    const n = startNotifier(ctx);
    n.tick();
    await n.idle();
    expect(sent().map((x) => x['link'])).toEqual([null]);
  });
});
