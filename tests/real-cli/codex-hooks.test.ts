import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HookEventRecord, Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { ensureCli } from '../helpers/real-claude.js';
import { startStubOpenAi, type StubOpenAi } from '../helpers/stub-openai.js';
import { waitFor } from '../helpers/wait-for.js';

/** Pinned, as in codex-gemini.test.ts (not imported: that would run its tests here too). */
const CODEX_VERSION = '0.169.0';

/**
 * The real Codex (pinned), offline against the stub Responses API, started by cc-agent with
 * `--agent codex`: the relay hooks cc-agent passes with -c run (trusted, with no dialog) and
 * their events reach the job. Codex reads only an isolated CODEX_HOME, never ~/.codex.
 */
describe(`real Codex ${CODEX_VERSION} relays its hooks to cc-agent`, () => {
  let h: Harness;
  let stub: StubOpenAi;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const started = Date.now();

  beforeAll(async () => {
    h = createHarness('codex-hooks');
    stub = await startStubOpenAi();
    const bin = ensureCli('@openai/codex', CODEX_VERSION, 'codex');
    dir = h.tempDir('project');
    const codexHome = join(h.fakeHome, '.codex');
    mkdirSync(codexHome, { recursive: true });
    // The user's config as a test can have it: the stub as provider, the project trusted.
    writeFileSync(
      join(codexHome, 'config.toml'),
      [
        'model_provider = "stub"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.stub]',
        'name = "stub"',
        `base_url = ${JSON.stringify(stub.url)}`,
        'wire_api = "responses"',
        'env_key = "CC_AGENT_STUB_KEY"',
        '',
        `[projects.${JSON.stringify(dir)}]`,
        'trust_level = "trusted"',
        '',
      ].join('\n'),
    );
    env = {
      PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      CODEX_HOME: codexHome,
      CC_AGENT_STUB_KEY: 'sk-cc-agent-stub',
      NO_COLOR: '1',
    };
  }, 600_000);
  afterAll(async () => {
    h?.cleanup();
    await stub?.close();
    process.stdout.write(
      `real-CLI tier (Codex ${CODEX_VERSION} hooks): ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });

  const cli = (args: string[]) => h.ok(args, { env });
  const job = async (id: string): Promise<Job> =>
    JSON.parse(await cli(['status', id, '--json'])) as Job;
  const events = async (id: string): Promise<HookEventRecord[]> => {
    const out = await cli(['events', '--job', id, '--json']);
    return out ? out.split('\n').map((l) => JSON.parse(l) as HookEventRecord) : [];
  };

  it('start --agent codex: SessionStart, UserPromptSubmit, the tool hooks and Stop arrive', async () => {
    const id = await cli([
      'start',
      '--agent',
      'codex',
      '-d',
      dir,
      '--',
      'Run it [[bash "echo relayed-ok"]] [[say "ran it"]]',
    ]);
    const seen = await waitFor(
      async () => {
        const got = await events(id);
        return got.some((e) => e.event === 'Stop') && got.some((e) => e.event === 'PostToolUse')
          ? got
          : undefined;
      },
      `job ${id}: Stop and PostToolUse relayed`,
      30_000,
      250,
    );
    // PostToolUse runs in the background (async): its place among the others is not fixed.
    const sync = seen.filter((e) => e.event !== 'PostToolUse').map((e) => [e.event, e.toolName]);
    expect(sync).toEqual([
      ['SessionStart', null],
      ['UserPromptSubmit', null],
      ['PreToolUse', 'Bash'],
      ['Stop', null],
    ]);
    const post = seen.filter((e) => e.event === 'PostToolUse');
    expect(post.map((e) => e.toolName)).toEqual(['Bash']);
    expect(post[0]?.payload['tool_input']).toEqual({ command: 'echo relayed-ok' });
    const session = seen[0]?.sessionId;
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    for (const e of seen) {
      expect(e.jobId).toBe(id);
      expect(e.sessionId).toBe(session);
      expect(e.payload['cwd']).toBe(dir);
    }
    const stop = seen.find((e) => e.event === 'Stop');
    expect(stop?.payload['last_assistant_message']).toBe('ran it');
    // The tool really ran, and the stub saw one turn and its follow-up.
    expect(JSON.stringify(stub.requests.at(-1)?.body['input'])).toContain('relayed-ok');
    expect(stub.turns()).toHaveLength(1);

    const j = await waitFor(
      async () => {
        const x = await job(id);
        return x.activity === 'waiting' ? x : undefined;
      },
      `job ${id}: waiting after the turn`,
      15_000,
      250,
    );
    // The session id Codex picked was learned from its SessionStart hook.
    expect(j.sessionId).toBe(session);
    const screen = h.tmux(['capture-pane', '-p', '-t', j.tmuxSession]).stdout;
    expect(screen).toContain('ran it');
    // Every relay hook was trusted by the launch itself: no review dialog, nothing disabled.
    expect(screen).not.toMatch(/Hooks need review|needs review|won't run/i);

    // clear (/new) fires no SessionStart until the next prompt: it returns once the input box
    // is back, and the job follows the new session with that prompt.
    await cli(['clear', id]);
    await cli(['send', id, 'again [[say "second"]]']);
    const next = await waitFor(
      async () => {
        const x = await job(id);
        return x.summary === 'second' ? x : undefined;
      },
      `job ${id}: the turn after clear`,
      15_000,
      250,
    );
    expect(next.sessionId).not.toBe(session);
    // Codex announced both sessions itself (SessionStart with the job's launch key): none of
    // its events was taken for a forgery.
    const all = await events(id);
    expect(all.filter((e) => e.orphan === true)).toEqual([]);
    expect(all.filter((e) => e.event === 'SessionStart').map((e) => e.sessionId)).toEqual([
      session,
      next.sessionId,
    ]);
  }, 60_000);
});
