import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { jobJson, startDemo } from '../helpers/jobs.js';
import { serveDetached, type Served } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait-for.js';

interface Line {
  kind: string;
  reason?: string;
  title: string;
  message: string;
  job: string | null;
  approval?: string;
  at: string;
  link: string | null;
}

/**
 * notify.command end to end: `serve --detach` leads the pulse and runs a recording command (a
 * script in the test's temp dir that appends its stdin to a file) for each notification the
 * simulated agents' states call for, on real tmux with the real relay.
 */
describe('notify.command', () => {
  let h: Harness;
  let served: Served;
  let out: string;
  let started: string;

  beforeAll(async () => {
    h = createHarness('notify');
    const dir = h.tempDir('notifier');
    out = join(dir, 'notifications.jsonl');
    started = join(dir, 'started.log');
    writeFileSync(
      join(dir, 'record.mjs'),
      `import { appendFileSync } from 'node:fs';
let s = '';
process.stdin.on('data', (b) => (s += b)).on('end', () => appendFileSync(process.argv[2], s));
`,
    );
    // Says it started, then never ends (the engine's timeout must kill it).
    writeFileSync(
      join(dir, 'hang.mjs'),
      `import { appendFileSync } from 'node:fs';
process.stdin.on('data', (b) => appendFileSync(process.argv[2], b));
setInterval(() => undefined, 1000);
`,
    );
    writeFileSync(
      join(dir, 'fail.mjs'),
      `process.stderr.write('no route to ntfy'); process.exit(2);\n`,
    );
    await h.ok([
      'settings',
      'notify.command',
      JSON.stringify([process.execPath, join(dir, 'record.mjs'), out]),
    ]);
    // Any job that completes files an approval: the approval_pending notification.
    await h.ok([
      'trigger',
      'add',
      'ship-it',
      'event',
      'job_completed',
      'notify',
      '--payload',
      '{"message":"a job finished"}',
      '--autonomy',
      'confirm',
    ]);
    served = await serveDetached(h);
  }, 60_000);
  afterAll(() => h?.cleanup());

  const lines = (): Line[] =>
    existsSync(out)
      ? readFileSync(out, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Line)
      : [];
  const one = (what: string, ok: (l: Line) => boolean): Promise<Line> =>
    waitFor(() => lines().find(ok), what, 30_000);
  const claims = (job: string, kind: string): { sent: number }[] => {
    const db = new Database(join(h.home, 'cc-agent.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT sent FROM notifications_sent WHERE subject = ? AND kind = ?')
        .all(job, kind) as { sent: number }[];
    } finally {
      db.close();
    }
  };

  it('refuses a notify.command that is not a JSON argv array', async () => {
    const r = await h.cli(['settings', 'notify.command', 'ntfy publish mytopic']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`invalid notify.command 'ntfy publish mytopic'`);
    expect(JSON.parse(await h.ok(['settings', '--json']))['notify.command']).toContain(
      'record.mjs',
    );
  });

  it('each kind produces exactly one JSON line with its fields; the approval carries a one-time link', async () => {
    const perm = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9/first || true"]] [[bash "curl -s --max-time 1 http://127.0.0.1:9/second || true"]] [[say "both ran"]]',
    );
    const trust = await startDemo(h, '[[trust]] [[say "trusted"]]');
    const done = await startDemo(h, 'Write the notes [[done "notes written"]]');
    const crash = await startDemo(h, '[[exit 3]]');
    const full = await startDemo(h, '[[context 85]] [[say "nearly full"]]');

    const p = await one('needs_you for the permission', (l) => l.job === perm);
    expect(p).toMatchObject({ kind: 'needs_you', reason: 'permission', link: null });
    expect(p.title).toBe(`job ${perm} asks for permission to use Bash`);
    expect(p.message).toContain('http://127.0.0.1:9/first');
    expect(Date.parse(p.at)).not.toBeNaN();
    const t = await one('needs_you for the folder trust', (l) => l.job === trust);
    expect(t).toMatchObject({ kind: 'needs_you', reason: 'trust' });
    expect(t.message).toContain('Is this a project you created or one you trust?');
    const f = await one('finished', (l) => l.job === done && l.kind === 'finished');
    expect(f.title).toBe(`job ${done} finished`);
    expect(f.message).toMatch(/^notes written/);
    const x = await one('failed', (l) => l.job === crash);
    expect(x).toMatchObject({ kind: 'failed', title: `job ${crash} failed` });
    expect(x.message).toContain('status 3');
    const c = await one('context_warning', (l) => l.job === full);
    expect(c).toMatchObject({ kind: 'context_warning' });
    expect(c.title).toBe(`job ${full} has used 85% of its context`);
    const a = await one('approval_pending', (l) => l.kind === 'approval_pending');
    expect(a.title).toBe('approval waiting: trigger ship-it wants to notify');
    expect(a.approval).toMatch(/^[0-9a-f]+$/);
    expect(a.link).toMatch(new RegExp(`^${served.base}/l/[A-Za-z0-9_-]{43}$`));

    // The link: a look spends nothing; the button's POST logs in once and opens the approval.
    const link = a.link as string;
    const look = await fetch(link);
    expect(look.status).toBe(200);
    expect(look.headers.get('referrer-policy')).toBe('same-origin');
    expect(await look.text()).toContain(`approval ${a.approval}`);
    const foreign = await fetch(link, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const use = await fetch(link, {
      method: 'POST',
      headers: { origin: served.base },
      redirect: 'manual',
    });
    expect(use.status).toBe(303);
    expect(use.headers.get('location')).toBe(`/#approval=${a.approval}`);
    const cookie = (use.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toBe(`cc_agent_token=${served.token}`);
    expect((await fetch(`${served.base}/api/session`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(link, { method: 'POST', redirect: 'manual' })).status).toBe(410);
    expect((await fetch(link)).status).toBe(410);
    // Stored hashed: the token itself is nowhere in the store.
    const token = link.slice(link.lastIndexOf('/') + 1);
    expect(readFileSync(join(h.home, 'cc-agent.db')).includes(token)).toBe(false);

    // Debounce: the same job's second permission question inside 30 s is recorded, not sent.
    await h.ok(['answer', perm, 'yes']);
    await waitFor(() => claims(perm, 'needs_you').length === 2, 'the second question claimed');
    expect(claims(perm, 'needs_you').map((r) => r.sent)).toEqual([1, 0]);
    await h.ok(['answer', perm, 'yes']);
    await waitFor(async () => (await jobJson(h, perm)).summary === 'both ran', 'the turn');

    // A last notification after all the others: by then every duplicate would have shown.
    const last = await startDemo(h, '[[done "the sentinel"]]');
    await one('the sentinel', (l) => l.job === last && l.kind === 'finished');
    // Its approval is filed as it completes (one per completed job: done, last).
    await waitFor(
      () => lines().filter((l) => l.kind === 'approval_pending').length >= 2,
      "the sentinel's approval",
    );
    const count = (job: string | null, kind: string) =>
      lines().filter((l) => l.job === job && l.kind === kind).length;
    expect(count(perm, 'needs_you')).toBe(1);
    expect(count(trust, 'needs_you')).toBe(1);
    expect(count(done, 'finished')).toBe(1);
    expect(count(crash, 'failed')).toBe(1);
    expect(count(full, 'context_warning')).toBe(1);
    expect(count(null, 'approval_pending')).toBe(2);
  }, 120_000);

  it('a hanging command is killed after its timeout, a failing one is logged; neither holds anything up', async () => {
    const dir = join(out, '..');
    await h.ok(['settings', 'notify.timeout_seconds', '2']);
    await h.ok([
      'settings',
      'notify.command',
      JSON.stringify([process.execPath, join(dir, 'hang.mjs'), started]),
    ]);
    const a = await startDemo(h, '[[done "first of two"]]');
    const b = await startDemo(h, '[[done "second of two"]]');
    // Both commands started while the first still hangs: deliveries do not wait on each other.
    await waitFor(
      () => {
        const s = existsSync(started) ? readFileSync(started, 'utf8') : '';
        return s.includes(`"job":"${a}"`) && s.includes(`"job":"${b}"`);
      },
      'both notifications started',
      40_000,
    );
    const failures = async () =>
      (
        JSON.parse(await h.ok(['activity', '--json'])) as {
          kind: string;
          detail: { job?: string; error?: string };
        }[]
      ).filter((e) => e.kind === 'notify_failed');
    const timedOut = await waitFor(async () => {
      const f = await failures();
      return f.filter((e) => e.detail.job === a || e.detail.job === b).length === 2 ? f : undefined;
    }, 'both timeouts logged');
    expect(timedOut.find((e) => e.detail.job === a)?.detail.error).toBe('timed out after 2 s');

    await h.ok([
      'settings',
      'notify.command',
      JSON.stringify([process.execPath, join(dir, 'fail.mjs')]),
    ]);
    const c = await startDemo(h, '[[done "third"]]');
    const failed = await waitFor(
      async () => (await failures()).find((e) => e.detail.job === c),
      'the failure logged',
    );
    expect(failed.detail.error).toBe('exit 2: no route to ntfy');
    // The server answered all along.
    expect(
      (
        await fetch(`${served.base}/api/session`, {
          headers: { authorization: `Bearer ${served.token}` },
        })
      ).status,
    ).toBe(200);
  }, 90_000);
});
