import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookEventRecord, Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { jobJson, startDemo, waitForScreen, waitForStatus } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The hook pipeline end to end: the simulated agent's hooks go through the real relay into the
 * spool; every CLI call ingests; the job's state moves as specified.
 */
describe('hook events drive each job state', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('states');
  });
  afterAll(() => h.cleanup());

  const events = async (id: string): Promise<HookEventRecord[]> =>
    JSON.parse(
      `[${(await h.ok(['events', '--job', id, '--json'])).split('\n').join(',')}]`,
    ) as HookEventRecord[];
  const until = (id: string, ok: (j: Job) => boolean, what: string) =>
    waitFor(async () => {
      const j = await jobJson(h, id);
      return ok(j) ? j : undefined;
    }, `job ${id}: ${what}`);

  it('a scripted session: every event once, in order, with the job id; done marker completes it', async () => {
    const id = await startDemo(
      h,
      'Ship it [[say "on it"]] [[write "a.txt" "x"]] [[bash "echo ok"]] [[done "shipped a.txt"]]',
      ['-s', 'danger-full-access', '-d', h.tempDir('ship')],
    );
    const job = await waitForStatus(h, id, 'completed');
    expect(job.summary).toBe('shipped a.txt');
    expect(job.exitCode).toBeNull();
    // PostToolUse relays in the background (async): wait for both, compare them apart.
    const got = await waitFor(async () => {
      const e = await events(id);
      return e.filter((x) => x.event === 'PostToolUse').length === 2 ? e : undefined;
    }, 'both PostToolUse events');
    const pairs = got.map((e) => [e.event, e.toolName ?? '']);
    expect(pairs.filter(([e]) => e !== 'PostToolUse')).toEqual([
      ['SessionStart', ''],
      ['UserPromptSubmit', ''],
      ['PreToolUse', 'Write'],
      ['PreToolUse', 'Bash'],
      ['Stop', ''],
    ]);
    // Each tool's PostToolUse comes after its own PreToolUse.
    for (const tool of ['Write', 'Bash']) {
      const pre = pairs.findIndex(([e, t]) => e === 'PreToolUse' && t === tool);
      const post = pairs.findIndex(([e, t]) => e === 'PostToolUse' && t === tool);
      expect(post).toBeGreaterThan(pre);
    }
    expect(got.every((e) => e.jobId === id && e.sessionId === job.sessionId)).toBe(true);
    // Figures from the transcript: tokens, cost, context, tools and files.
    expect(job.tokens.output).toBeGreaterThan(0);
    expect(job.costUsd).toBeGreaterThan(0);
    expect(job.contextPct).not.toBeNull();
    expect(job.toolCalls).toBe(2);
    expect(job.filesModified).toEqual(['a.txt']);
    const session = JSON.parse(await h.ok(['session', id, '--json'])) as {
      toolCalls: Record<string, number>;
      userMessages: number;
    };
    expect(session.toolCalls).toEqual({ Write: 1, Bash: 1 });
    expect(session.userMessages).toBe(1);
    // The timeline in the terminal, as the guide shows it.
    const lines = (await h.ok(['events', '--job', id])).split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  ${id}  Write a\\.txt$`),
      ),
    );
    // In history and the day's metrics.
    expect(readFileSync(join(h.home, 'jobs', `${id}.json`), 'utf8')).toContain(
      '"summary": "shipped a.txt"',
    );
    const db = new Database(join(h.home, 'cc-agent.db'), { readonly: true });
    try {
      const hist = db.prepare('SELECT status, data FROM job_history WHERE job_id = ?').get(id) as
        { status: string; data: string } | undefined;
      expect(hist?.status).toBe('completed');
      expect((JSON.parse(hist?.data ?? '{}') as Job).filesModified).toEqual(['a.txt']);
      const day = db.prepare('SELECT jobs_completed, events FROM daily_metrics').get() as
        { jobs_completed: number; events: number } | undefined;
      expect(day?.jobs_completed).toBeGreaterThanOrEqual(1);
      expect(day?.events).toBeGreaterThanOrEqual(7);
    } finally {
      db.close();
    }
  });

  it('needs_permission names the tool and input; answering moves it on; waiting turns idle once seen', async () => {
    const id = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9/needs-a-yes || true"]] [[say "ran it"]]',
    );
    const asking = await until(id, (j) => j.activity === 'needs_permission', 'needs_permission');
    expect(asking.activityDetail).toMatchObject({
      tool: 'Bash',
      input: { command: 'curl -s --max-time 1 http://127.0.0.1:9/needs-a-yes || true' },
    });
    const bad = await h.cli(['answer', id, 'maybe']);
    expect(bad.stderr.trim()).toBe(
      `cc-agent: invalid answer 'maybe' (expected one of: yes, no, always)`,
    );
    await h.ok(['answer', id, 'yes']);
    const waiting = await until(id, (j) => j.activity === 'waiting', 'waiting after the turn');
    expect(waiting.summary).toBe('ran it');
    await h.ok(['capture', id, '5']);
    expect((await jobJson(h, id)).activity).toBe('idle');
    const none = await h.cli(['answer', id, 'yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('is not showing a trust or permission question');
  });

  it('a permission answered "no" (no hook fires) is read off the screen: idle', async () => {
    const id = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9/refused || true"]]',
    );
    await until(id, (j) => j.activity === 'needs_permission', 'needs_permission');
    expect(h.tmux(['send-keys', '-t', `=cc-agent-${id}:`, '3']).code).toBe(0);
    const j = await until(id, (x) => x.activity === 'idle', 'idle after the refusal');
    expect(j.activityDetail).toMatchObject({ label: 'Permission refused' });
  });

  it('a folder-trust dialog (no hook fires) shows as blocked with its question', async () => {
    const id = await startDemo(h, '[[trust]] [[say "trusted"]]');
    const blocked = await until(id, (j) => j.activity === 'blocked', 'blocked');
    expect(blocked.activityDetail).toMatchObject({ dialog: 'trust' });
    expect(blocked.activityDetail?.question).toContain(
      'Is this a project you created or one you trust?',
    );
    expect(await h.ok(['answer', id, 'yes'])).toBe(
      `answered yes to job ${id}'s folder-trust question`,
    );
    await until(
      id,
      (j) => j.activity === 'waiting' && j.summary === 'trusted',
      'the task after trust',
    );
  });

  it('a turn that ends with background work still running stays working', async () => {
    const id = await startDemo(h, '[[background 60]] [[say "started the server"]]', [
      '-s',
      'danger-full-access',
    ]);
    const j = await until(id, (x) => x.summary === 'started the server', 'the turn to end');
    expect(j.activity).toBe('working');
    expect(j.activityDetail).toMatchObject({ background: 1 });
  });

  it('an Escape (no Stop hook) is read off the screen: idle, interrupted', async () => {
    const id = await startDemo(h, '[[work 60]]');
    await waitForScreen(h, id, 'esc to interrupt');
    expect(h.tmux(['send-keys', '-t', `=cc-agent-${id}:`, 'Escape']).code).toBe(0);
    const j = await until(id, (x) => x.activity === 'idle', 'idle after the interrupt');
    expect(j.activityDetail).toMatchObject({ interrupted: true });
  });

  it('settings: retention values, validated', async () => {
    expect(await h.ok(['settings', 'retention.hook_events_days', '7'])).toContain(
      'retention.hook_events_days     7',
    );
    const bad = await h.cli(['settings', 'retention.forever', '1']);
    expect(bad.code).toBe(2); // a usage error: no such key, whatever the state
    expect(bad.stderr.trim()).toMatch(/^cc-agent: unknown setting 'retention.forever'/);
    const zero = await h.cli(['settings', 'retention.hook_events_days', '0']);
    expect(zero.stderr.trim()).toMatch(/invalid retention.hook_events_days '0'/);
  });

  it('jobs shows activity, tokens, context and cost', async () => {
    const table = await h.ok(['jobs']);
    expect(table.split('\n')[0]).toMatch(
      /ID\s+STATUS\s+ACTIVITY\s+AGENT\s+MODEL\s+ELAPSED\s+TOKENS\s+CTX\s+COST\s+PROMPT/,
    );
    expect(table).toMatch(/completed\s+demo/);
  });
});
