import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { jobNotifications } from '../../src/engine/notify/message.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import {
  LINK_TTL_MS,
  mintLoginLink,
  peekLoginLink,
  redeemLoginLink,
} from '../../src/engine/store/login-links.js';
import { claimNotification, type NotifyCandidate } from '../../src/engine/store/notify-log.js';
import { setSetting } from '../../src/engine/store/retention.js';
import { getTextSetting, notifyArgv } from '../../src/engine/store/text-settings.js';

/** The store side of notify.command: claims and debounce, approval links, settings, words. */
describe('notifications in the store', () => {
  let dir: string;
  let db: Db;
  let now: number;
  let ctx: EngineContext;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-notify-'));
    db = openDb(join(dir, 'cc-agent.db'));
    now = Date.parse('2024-03-15T10:00:00.000Z');
    ctx = { db, now: () => now } as unknown as EngineContext;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims each episode once; a second episode of the same kind inside the window is debounced for good', () => {
    const n = (episode: string) => ({ subject: 'j1', kind: 'needs_you', episode });
    expect(claimNotification(ctx, n('1'), 30_000)).toBe('send');
    expect(claimNotification(ctx, n('1'), 30_000)).toBe('seen');
    now += 10_000;
    expect(claimNotification(ctx, n('2'), 30_000)).toBe('debounced');
    expect(claimNotification(ctx, { ...n('2'), subject: 'j2' }, 30_000)).toBe('send');
    expect(claimNotification(ctx, { ...n('2'), kind: 'finished' }, 30_000)).toBe('send');
    now += 25_000; // 35 s after the one that was sent
    expect(claimNotification(ctx, n('2'), 30_000)).toBe('seen'); // never sent late
    expect(claimNotification(ctx, n('3'), 30_000)).toBe('send');
  });

  it('an approval link is single-use, expires after a day and is stored only as a hash', () => {
    const token = mintLoginLink(ctx, 'ap1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    db.close();
    expect(readFileSync(join(dir, 'cc-agent.db')).includes(token)).toBe(false);
    db = openDb(join(dir, 'cc-agent.db'));
    ctx = { db, now: () => now } as unknown as EngineContext;
    expect(peekLoginLink(ctx, token)).toBe('ap1');
    expect(peekLoginLink(ctx, token)).toBe('ap1'); // a look spends nothing
    expect(redeemLoginLink(ctx, token)).toBe('ap1');
    expect(redeemLoginLink(ctx, token)).toBeUndefined();
    expect(peekLoginLink(ctx, token)).toBeUndefined();
    const late = mintLoginLink(ctx, 'ap2');
    now += LINK_TTL_MS;
    expect(peekLoginLink(ctx, late)).toBeUndefined();
    expect(redeemLoginLink(ctx, late)).toBeUndefined();
    expect(redeemLoginLink(ctx, 'not-a-token')).toBeUndefined();
  });

  it('notify.command takes a JSON argv array only; notify.url an http(s) base; empty unsets', () => {
    expect(() => setSetting(ctx, 'notify.command', 'ntfy publish x')).toThrow(
      /invalid notify.command 'ntfy publish x' \(a JSON array of strings/,
    );
    for (const bad of ['[]', '[""]', '["a", 1]', '{"a":1}'])
      expect(() => setSetting(ctx, 'notify.command', bad)).toThrow(/invalid notify.command/);
    setSetting(ctx, 'notify.command', '["ntfy", "publish", "my topic; rm -rf /"]');
    expect(notifyArgv(ctx)).toEqual(['ntfy', 'publish', 'my topic; rm -rf /']);
    setSetting(ctx, 'notify.command', '');
    expect(notifyArgv(ctx)).toBeNull();
    expect(() => setSetting(ctx, 'notify.url', 'ftp://x')).toThrow(/invalid notify.url/);
    setSetting(ctx, 'notify.url', 'https://devbox.example:8443/');
    expect(getTextSetting(ctx, 'notify.url')).toBe('https://devbox.example:8443');
    expect(() => setSetting(ctx, 'notify.debounce_seconds', '0')).toThrow(/at least 1/);
  });

  const job = (over: Partial<NotifyCandidate>): NotifyCandidate => ({
    id: 'abcd1234',
    kind: 'worker',
    status: 'running',
    activity: 'needs_permission',
    detail: null,
    activityAt: now,
    endedAt: null,
    summary: null,
    error: null,
    exitCode: null,
    contextPct: null,
    sessionId: 's1',
    prompt: 'Fix the login bug',
    ...over,
  });

  it('says what each state wants, in words: permission, trust, question, end, context', () => {
    const [perm] = jobNotifications(
      job({ detail: { tool: 'Bash', input: { command: 'npm test' }, dialog: 'permission' } }),
      70,
    );
    expect(perm?.note).toMatchObject({
      kind: 'needs_you',
      reason: 'permission',
      title: 'job abcd1234 asks for permission to use Bash',
      message: 'npm test (task: Fix the login bug)',
      job: 'abcd1234',
    });
    const [ask] = jobNotifications(job({ detail: { tool: 'AskUserQuestion' } }), 70);
    expect(ask?.note).toMatchObject({
      reason: 'question',
      title: 'job abcd1234 has a question for you',
    });
    const [other] = jobNotifications(
      job({ activity: 'blocked', detail: { dialog: 'other', question: 'Pick a theme' } }),
      70,
    );
    expect(other?.note).toMatchObject({
      reason: 'question',
      message: 'Pick a theme (task: Fix the login bug)',
    });
    const [trust] = jobNotifications(job({ activity: 'blocked', detail: { dialog: 'trust' } }), 70);
    expect(trust?.note.title).toBe('job abcd1234 asks whether to trust its folder');
    const [fin] = jobNotifications(
      job({ status: 'completed', activity: null, endedAt: now, summary: 'fixed it' }),
      70,
    );
    expect(fin?.note).toMatchObject({
      kind: 'finished',
      message: 'fixed it (task: Fix the login bug)',
    });
    const [orch] = jobNotifications(
      job({ id: 'orch', kind: 'orchestrator', activity: 'working', contextPct: 75 }),
      70,
    );
    expect(orch?.note).toMatchObject({
      kind: 'context_warning',
      title: 'the orchestrator has used 75% of its context',
    });
    expect(jobNotifications(job({ activity: 'working', contextPct: 69 }), 70)).toEqual([]);
  });
});
