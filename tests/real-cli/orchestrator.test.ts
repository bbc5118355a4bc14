import { claudeWorld } from '../helpers/claude-world.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrchestratorStatus, Task } from '../../src/engine/index.js';
import type { Harness } from '../helpers/cli-harness.js';
import { CLAUDE_VERSION } from '../helpers/real-claude.js';
import type { StubApi } from '../helpers/stub-api.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The real Claude Code as the orchestrator: its Bash tool finds `cc-agent` (the shim first on
 * its PATH) and runs it without a permission question (`--allowedTools Bash(cc-agent:*)`).
 */
describe(`real Claude Code ${CLAUDE_VERSION} as the orchestrator`, () => {
  let h: Harness;
  let stub: StubApi;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    ({ h, stub, env, dir } = await claudeWorld('real-orch'));
  }, 600_000);
  afterAll(async () => {
    h.cleanup();
    await stub.close();
  });

  const cli = (args: string[]) => h.ok(args, { env });

  it('works two queued tasks by running cc-agent from its Bash tool', async () => {
    const first = await cli([
      'queue',
      'add',
      '--priority',
      '2',
      '[[bash "cc-agent queue done --result one"]] [[say "reported"]]',
    ]);
    const second = await cli([
      'queue',
      'add',
      '--priority',
      '1',
      '[[bash "cc-agent queue done --result two"]] [[say "reported"]]',
    ]);
    await cli(['orchestrator', 'start', '--agent', 'claude', '-d', dir]);
    const tasks = await waitFor(
      async () => {
        const t = JSON.parse(await cli(['queue', 'list', '--json'])) as Task[];
        return t.every((x) => x.status === 'done') ? t : undefined;
      },
      'both tasks to be reported by the real orchestrator',
      60_000,
    );
    expect(tasks.map((t) => [t.id, t.result])).toEqual([
      [first, 'one'],
      [second, 'two'],
    ]);
    // Its first prompt was the teaching prompt; each task came as a SYSTEM message.
    const turns = stub.turns().map((r) => r.userText);
    expect(turns[0]).toMatch(/^You are the cc-agent orchestrator/);
    expect(turns.filter((t) => t.startsWith('SYSTEM: New task'))).toHaveLength(2);
    const s = JSON.parse(await cli(['orchestrator', 'status', '--json'])) as OrchestratorStatus;
    expect(s.job?.activity).not.toBe('needs_permission');
    expect(s.job?.backend).toBe('claude');
    await cli(['orchestrator', 'stop']);
  });
});
