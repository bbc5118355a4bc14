import { spawnSync } from 'node:child_process';
import type { Approval, Task } from '../../src/engine/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createHarness, type Harness } from '../helpers/cli-harness.js';
import { jobJson, startDemo, waitForScreen, waitForStatus } from '../helpers/jobs.js';
import { killTmuxServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait-for.js';

interface HealthReport {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

describe('health, attach --switch and the demo', () => {
  let h: Harness;
  const outer = `cc-test-outer-${process.pid}`;
  beforeAll(() => {
    h = createHarness('misc');
  });
  afterAll(() => {
    killTmuxServer(outer);
    h.cleanup();
  });

  it('health reports tmux, every agent CLI with its version, the store and free disk', async () => {
    const report = JSON.parse(await h.ok(['health', '--json'])) as HealthReport;
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(report.ok).toBe(true);
    expect(byName['tmux']).toMatchObject({ ok: true });
    expect(byName['tmux']?.detail).toMatch(/tmux \d/);
    expect(byName['demo']).toMatchObject({ ok: true });
    expect(byName['demo']?.detail).toContain('2.1.331');
    expect(byName['store']).toMatchObject({ ok: true });
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['claude', 'codex', 'disk']));
    const text = await h.ok(['health']);
    // Agent CLIs this machine lacks are warnings: still ok.
    expect(text).toMatch(/\nStatus: ok(, with \d+ warnings? \([a-z, ]+\))?$/);
  });

  it('attach --switch moves a real tmux client onto the agent, and refuses outside tmux', async () => {
    const id = await startDemo(h, '[[say "switched here"]]');
    // A real client on the private server: an outer tmux attaches to a "home" session there.
    expect(h.tmux(['new-session', '-d', '-s', 'home', '-x', '120', '-y', '30']).code).toBe(0);
    const attach = spawnSync('tmux', [
      '-L',
      outer,
      'new-session',
      '-d',
      '-x',
      '120',
      '-y',
      '30',
      '--',
      'tmux',
      '-L',
      h.socket,
      'attach-session',
      '-t',
      '=home',
    ]);
    expect(attach.status).toBe(0);
    const clients = () => h.tmux(['list-clients', '-F', '#{client_session}']).stdout.trim();
    await waitFor(() => clients() === 'home', 'the client to attach to home');
    // From a pane of that client's session, run attach --switch as a user would.
    const env = ['-e', `CC_AGENT_HOME=${h.home}`, '-e', `CC_AGENT_TMUX_SOCKET=${h.socket}`];
    const run = h.tmux([
      'new-window',
      '-t',
      '=home:',
      ...env,
      '--',
      process.execPath,
      cliPath,
      'attach',
      id,
      '--switch',
    ]);
    expect(run.code).toBe(0);
    await waitFor(() => clients() === `cc-agent-${id}`, 'the client to switch to the agent');
    const outside = await h.cli(['attach', id, '--switch']);
    expect(outside.code).not.toBe(0);
    expect(outside.stderr.trim()).toBe('cc-agent: --switch works only inside tmux');
  });

  it('demo starts four simulated agents that work, ask, finish and crash, an orchestrator working three tasks, and a trigger asking for approval', async () => {
    const out = await h.ok(['demo', '--seconds', '0']);
    expect(out).toMatch(/^started orch {2}the simulated orchestrator/m);
    expect(out).toMatch(/^pulse started \(pid \d+\)$/m);
    const ids = [...out.matchAll(/^started ([0-9a-f]{8})/gm)].map((m) => m[1] as string);
    expect(ids).toHaveLength(4);
    const [refactor, ask, done, crash] = ids as [string, string, string, string];
    await waitForScreen(h, ask, 'Do you want to proceed?');
    await waitForScreen(h, done, '[cc-agent:done] Wrote notes.md');
    const crashed = await waitForStatus(h, crash, 'failed');
    expect(crashed.exitCode).toBe(2);
    expect((await jobJson(h, refactor)).status).toBe('running');
    // The orchestrator works the three tasks in priority order; each reports itself done.
    const tasks = await waitFor(async () => {
      const t = JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[];
      return t.length === 3 && t.every((x) => x.status === 'done') ? t : undefined;
    }, 'the orchestrator to finish the three demo tasks');
    expect(tasks.map((t) => t.result)).toEqual([
      'worker started',
      'changelog updated',
      '2 questions',
    ]);
    const approvals = JSON.parse(await h.ok(['approvals', 'list', '--json'])) as Approval[];
    expect(approvals).toMatchObject([{ triggerName: 'demo-review', status: 'pending' }]);
  });
});
