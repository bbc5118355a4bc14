import { claudeWorld } from '../helpers/claude-world.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookEventRecord, Job, SessionReport } from '../../src/engine/index.js';
import type { Harness } from '../helpers/cli-harness.js';
import { READY, waitForScreen } from '../helpers/jobs.js';
import { CLAUDE_VERSION } from '../helpers/real-claude.js';
import type { StubApi } from '../helpers/stub-api.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The real Claude Code (pinned), offline against the stub Messages API, driven end to end by
 * cc-agent with `--agent claude`: hooks through the real relay, states, sends, clear, reuse,
 * read-only, effort and model, the trust question, Escape and kill.
 */
describe(`real Claude Code ${CLAUDE_VERSION} driven by cc-agent`, () => {
  let h: Harness;
  let stub: StubApi;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let id: string;
  const started = Date.now();

  beforeAll(async () => {
    ({ h, stub, env, dir } = await claudeWorld('real'));
  }, 600_000);
  afterAll(async () => {
    h.cleanup();
    await stub.close();
    process.stdout.write(
      `real-CLI tier (Claude Code ${CLAUDE_VERSION}): ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

  const cli = (args: string[]) => h.ok(args, { env });
  const job = async (jobId: string): Promise<Job> =>
    JSON.parse(await cli(['status', jobId, '--json'])) as Job;
  const until = (jobId: string, ok: (j: Job) => boolean, what: string, timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const j = await job(jobId);
        return ok(j) ? j : undefined;
      },
      `job ${jobId}: ${what}`,
      timeoutMs,
    );
  const events = async (jobId: string): Promise<HookEventRecord[]> => {
    const out = await cli(['events', '--job', jobId, '--json']);
    return out ? out.split('\n').map((l) => JSON.parse(l) as HookEventRecord) : [];
  };
  const start = (prompt: string, extra: string[] = []) =>
    cli(['start', '--agent', 'claude', '-d', dir, ...extra, '--', prompt]);

  it('start: hooks arrive through the relay, states move, the tool really runs', async () => {
    id = await start('Make a file [[write "made.txt" "hello"]] [[say "wrote it"]]');
    const j = await until(
      id,
      (x) => x.activity === 'waiting' && x.summary === 'wrote it',
      'the first turn',
    );
    expect(readFileSync(join(dir, 'made.txt'), 'utf8')).toBe('hello');
    // PostToolUse relays in the background (async): wait for it, and let it land after Stop.
    const all = await waitFor(async () => {
      const e = await events(id);
      return e.some((x) => x.event === 'PostToolUse') ? e : undefined;
    }, 'the PostToolUse event');
    const got = all.map((e) => [e.event, e.toolName ?? '']);
    expect(got.filter(([e]) => e !== 'PostToolUse')).toEqual([
      ['SessionStart', ''],
      ['UserPromptSubmit', ''],
      ['PreToolUse', 'Write'],
      ['Stop', ''],
    ]);
    expect(got.filter(([e]) => e === 'PostToolUse')).toEqual([['PostToolUse', 'Write']]);
    expect(got.findIndex(([e]) => e === 'PostToolUse')).toBeGreaterThan(
      got.findIndex(([e]) => e === 'PreToolUse'),
    );
    expect(j.filesModified.map((f) => f.split('/').at(-1))).toEqual(['made.txt']);
  });

  it('tokens and context % are what the transcript says', async () => {
    const report = JSON.parse(await cli(['session', id, '--json'])) as SessionReport;
    const path = report.transcriptPath as string;
    const seen = new Set<string>();
    let input = 0;
    let output = 0;
    let last = 0;
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as {
        type: string;
        message?: { id?: string; usage?: Record<string, number> };
      };
      const u = r.type === 'assistant' ? r.message?.usage : undefined;
      if (!u || seen.has(r.message?.id ?? '')) continue;
      seen.add(r.message?.id ?? '');
      input += u['input_tokens'] ?? 0;
      output += u['output_tokens'] ?? 0;
      last =
        (u['input_tokens'] ?? 0) +
        (u['cache_creation_input_tokens'] ?? 0) +
        (u['cache_read_input_tokens'] ?? 0);
    }
    expect(input).toBeGreaterThan(0);
    expect(report.job.tokens.input).toBe(input);
    expect(report.job.tokens.output).toBe(output);
    expect(report.job.contextPct).toBe(Math.round((last / 1_000_000) * 100));
  });

  it('send: short, 3 KB, multi-line and quote-laden messages are one user turn each, exact', async () => {
    const messages = [
      'short one',
      `${'three kilobytes of text '.repeat(128)}end`,
      'line one\nline two\n\nline four',
      `quotes "double" 'single' \`back\` $(echo no) ; && | -dash Enter Space 🎉 中文`,
    ];
    for (const text of messages) {
      const before = stub.turns().length;
      await cli(['send', id, text]);
      await waitFor(
        () => stub.turns().length > before && stub.turns().at(-1),
        `the stub to get: ${text.slice(0, 20)}`,
      );
      await until(id, (x) => x.activity === 'waiting', 'the turn to end');
      const turns = stub.turns().slice(before);
      expect(turns.map((t) => t.userText)).toEqual([text]);
    }
  });

  it('-m and -r arrive in the request; the model is what Claude Code resolves', async () => {
    const before = stub.requests.length;
    const other = await start('which model [[say "ok"]]', ['-m', 'sonnet', '-r', 'low']);
    await until(other, (x) => x.summary === 'ok', 'the reply');
    const req = stub.requests.slice(before).find((r) => r.userText.startsWith('which model'));
    expect(String(req?.body['model'])).toMatch(/sonnet/);
    expect(req?.body['output_config']).toMatchObject({ effort: 'low' });
    await cli(['kill', other]);
  });

  it('-s read-only cannot create a file even when the model asks for Write and Bash', async () => {
    const ro = await start(
      '[[write "ro-write.txt" "x"]] [[bash "touch ro-bash.txt"]] [[say "tried"]]',
      ['-s', 'read-only'],
    );
    await until(ro, (x) => x.summary === 'tried', 'the read-only turn');
    expect(existsSync(join(dir, 'ro-write.txt'))).toBe(false);
    expect(existsSync(join(dir, 'ro-bash.txt'))).toBe(false);
    await cli(['kill', ro]);
  });

  it('a folder not yet trusted is blocked with the question, and answer yes lets it go on', async () => {
    const fresh = h.tempDir('untrusted');
    const t = await cli([
      'start',
      '--agent',
      'claude',
      '-d',
      fresh,
      '--',
      'trusted now [[say "in"]]',
    ]);
    const blocked = await until(t, (x) => x.activity === 'blocked', 'blocked');
    expect(blocked.activityDetail?.question).toContain(
      'Is this a project you created or one you trust?',
    );
    await cli(['answer', t, 'yes']);
    await until(t, (x) => x.summary === 'in', 'the task after trust');
    await cli(['kill', t]);
  });

  it('clear moves the job onto the new session id; reuse hands over a new task there', async () => {
    const old = (await job(id)).sessionId;
    const fresh = await cli(['clear', id]);
    expect(fresh).not.toBe(old);
    expect((await job(id)).sessionId).toBe(fresh);
    const before = stub.turns().length;
    await cli(['reuse', id, '--', 'next task [[say "reused"]]']);
    await until(id, (x) => x.summary === 'reused', 'the reused task');
    expect(
      stub
        .turns()
        .slice(before)
        .map((t) => t.userText),
    ).toEqual(['next task [[say "reused"]]']);
  });

  it('Escape interrupts a slow turn (no Stop): idle again; kill ends the job', async () => {
    await cli(['send', id, 'slow [[work 30]] [[say "too late"]]']);
    await until(id, (x) => x.activity === 'working', 'working');
    expect(h.tmux(['send-keys', '-t', `=cc-agent-${id}:`, 'Escape']).code).toBe(0);
    await waitForScreen(h, id, READY);
    const j = await until(id, (x) => x.activity === 'idle', 'idle after the interrupt');
    expect(j.activityDetail).toMatchObject({ interrupted: true });
    expect(await cli(['kill', id])).toBe(`killed ${id}`);
    expect((await job(id)).status).toBe('killed');
  });
});
