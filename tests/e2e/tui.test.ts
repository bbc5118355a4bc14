import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval, Job, Task } from '../../src/engine/index.js';
import { cliPath, createHarness, type Harness } from '../helpers/cli-harness.js';
import { initRepo } from '../helpers/git-repo.js';
import { eventsOf, jobJson, startDemo } from '../helpers/jobs.js';
import { attachClient, clientSessions, startTui, type TuiDriver } from '../helpers/tui.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The TUI end to end in a real tmux: simulated agents, the TUI in a pane of the same private
 * server (leading the pulse), a real client attached to it. Every step is a key press and
 * every check is what the screen or the store says afterwards.
 */
describe('cc-agent tui in tmux', () => {
  let h: Harness;
  let tui: TuiDriver;
  let client: ChildProcess;
  let talker: string;
  let asker: string;
  let worker: string;

  beforeAll(async () => {
    h = createHarness('tui');
    const dir = h.tempDir('work');
    talker = await startDemo(h, '[[say "ready for more"]]', ['-d', dir]);
    asker = await startDemo(
      h,
      '[[bash "curl -s --max-time 1 http://127.0.0.1:9 || true"]] [[say "checked"]]',
      ['-d', dir],
    );
    worker = await startDemo(h, '[[work 120]]', ['-d', dir]);
    await h.ok([
      'trigger',
      'add',
      'backlog',
      'threshold',
      'queue_depth >= 1',
      'queue_task',
      '--payload',
      '{"prompt":"triage the backlog"}',
      '--autonomy',
      'confirm',
      '--cooldown',
      '3600',
    ]);
    await h.ok(['queue', 'add', 'something to do']);
    tui = startTui(h);
    client = attachClient(h);
    await waitFor(() => clientSessions(h).includes('ui'), 'a client attached to the TUI');
  });
  afterAll(() => {
    client?.kill();
    h?.cleanup();
  });

  /** Show only one job's row: the filter, typed as a person would. */
  async function only(id: string): Promise<void> {
    tui.keys('/');
    await tui.waitFor('the filter prompt', (s) => s.includes('Filter:'));
    tui.keys('C-u');
    tui.type(id);
    tui.keys('Enter');
    await tui.waitFor(`only ${id}`, (s) => s.includes(`filter: ${id}`) && s.includes(id));
  }

  it('lists every agent with its state, and what waits for the user', async () => {
    const s = await tui.waitFor(
      'the three jobs and the pending approvals',
      (x) =>
        [talker, asker, worker].every((id) => x.includes(id)) &&
        x.includes('5 Approvals (2)') &&
        /● \S+ waiting/.test(x),
    );
    expect(s).toMatch(new RegExp(`! ${asker} permission`));
    expect(s).toMatch(new RegExp(`${worker} working`));
    expect(s).toContain('? help');
    // The same attention count for tmux's status line.
    expect(await h.ok(['status-line'])).toBe('⚑ 2 need you · 3 running');
    expect(JSON.parse(await h.ok(['status-line', '--json']))).toEqual({
      attention: 2,
      asking: 1,
      unseen: 1,
      running: 3,
    });
  });

  it('opens a job and sends it a message that reaches the agent', async () => {
    tui.keys('1');
    await only(talker);
    tui.keys('l');
    await tui.waitFor(
      "the job's live screen",
      (s) => s.includes('Welcome to Claude Code (simulated') && s.includes('ready for more'),
    );
    tui.keys('s');
    await tui.waitFor('the send box', (s) => s.includes(`Send: ${talker}`));
    const message = `hello from the TUI: "quotes" $(echo no) ✓`;
    tui.type(message);
    tui.keys('Enter');
    await tui.waitFor('the send to finish', (s) => s.includes(`sent to ${talker}`));
    const got = await waitFor(
      async () =>
        (await eventsOf(h, talker)).find(
          (e) => e.event === 'UserPromptSubmit' && e.payload['prompt'] === message,
        ),
      'the agent to receive the message',
    );
    expect(got.payload['prompt']).toBe(message);
    await tui.waitFor('the reply on its screen', (s) => s.includes('Done: hello from the TUI'));
    tui.keys('Escape');
    await tui.waitFor('the jobs list again', (s) => s.includes('ID       STATE'));
  });

  it('approves a trigger approval and a permission question by keyboard', async () => {
    // Drop the filter: Escape in its prompt. (A lone Escape must arrive on its own: followed
    // at once by another key, a terminal reads the pair as Alt+key.)
    tui.keys('/');
    await tui.waitFor('the filter prompt', (s) => s.includes('Filter:'));
    tui.keys('Escape');
    await tui.waitFor('all the jobs again', (s) => !s.includes('Filter:') && s.includes(asker));
    tui.keys('5');
    await tui.waitFor(
      'both pending items',
      (s) => s.includes('trigger backlog') && s.includes(asker),
    );
    tui.keys('a');
    await tui.waitFor('the approval to run', (s) => /approval \S+ approved: queued task/.test(s));
    const approvals = JSON.parse(await h.ok(['approvals', 'list', '--json'])) as Approval[];
    expect(approvals.map((a) => a.status)).toEqual(['approved']);
    const tasks = JSON.parse(await h.ok(['queue', 'list', '--json'])) as Task[];
    expect(tasks.filter((t) => t.prompt === 'triage the backlog')).toHaveLength(1);

    await tui.waitFor('the permission question alone', (s) => !s.includes('trigger backlog'));
    tui.keys('a');
    await tui.waitFor('the answer', (s) => s.includes(`answered yes to ${asker}'s permission`));
    const j = await waitFor(async () => {
      const x = await jobJson(h, asker);
      return x.summary === 'checked' ? x : undefined;
    }, 'the agent to run the command and finish its turn');
    expect(j.activity).not.toBe('needs_permission');
    await tui.waitFor('nothing pending', (s) => s.includes('nothing waits for you'));
  });

  it('kills a job only after confirmation', async () => {
    tui.keys('1');
    await only(worker);
    tui.keys('x');
    await tui.waitFor(
      'the question',
      (s) => s.includes(`Kill job ${worker}`) && s.includes('[y/n]'),
    );
    tui.keys('n');
    await tui.waitFor('the question to go', (s) => !s.includes('[y/n]'));
    expect((await jobJson(h, worker)).status).toBe('running');
    tui.keys('x');
    await tui.waitFor('the question again', (s) => s.includes('[y/n]'));
    tui.keys('y');
    await tui.waitFor('the kill', (s) => s.includes(`killed ${worker}`));
    expect((await jobJson(h, worker)).status).toBe<Job['status']>('killed');
  });

  it("jumps into an agent's session and comes back with tmux prefix + L", async () => {
    await only(talker);
    tui.keys('Enter');
    await waitFor(
      () => clientSessions(h).includes(`cc-agent-${talker}`),
      "the client to switch to the agent's session",
    );
    // The documented way back: tmux's own prefix (C-b) then L, typed into the client.
    client.stdin?.write('\x02L');
    await waitFor(() => clientSessions(h).includes('ui'), 'the client to come back to the TUI');
    await tui.waitFor('the TUI, still live', (s) => s.includes(talker) && s.includes('jumped'));
  });

  it('quits with q and gives the terminal back', async () => {
    tui.keys('q');
    await waitFor(() => h.tmux(['has-session', '-t', '=ui']).code !== 0, 'the TUI session to end');
  });
});

describe('cc-agent tui: a worktree agent’s diff', () => {
  let h: Harness;
  afterAll(() => h?.cleanup());

  it('shows the diff in colour, scrolls it, and goes back to the live screen', async () => {
    h = createHarness('tui-diff');
    const repo = h.tempDir('repo');
    initRepo(h.env, repo, { 'readme.txt': 'base\n' });
    // More lines than the window holds, so there is somewhere to scroll (`\n` in a directive
    // string is a newline).
    const rows = Array.from({ length: 80 }, (_, i) => `row ${i + 1}\\n`).join('');
    const id = await startDemo(h, `[[write "notes.txt" "${rows}"]] [[say "notes written"]]`, [
      '-d',
      repo,
      '--worktree',
    ]);
    await waitFor(async () => {
      const j = await jobJson(h, id);
      return j.activity === 'waiting' && j.summary === 'notes written' ? j : undefined;
    }, 'the agent to write its file and finish its turn');
    const tui = startTui(h, { size: { x: 160, y: 40 } });
    await tui.waitFor('the job', (s) => s.includes(id));
    tui.keys('l');
    await tui.waitFor("the job's live screen", (s) => s.includes('notes written'));
    tui.keys('d');
    await tui.waitFor(
      'the diff with its branch header',
      (s) =>
        s.includes(`cc-agent/${id} → main · 1 dirty`) &&
        s.includes('diff --git a/notes.txt b/notes.txt') &&
        s.includes('+row 1') &&
        s.includes('lines 1–33 of 86'),
    );
    // The terminal's cells with their attributes (tmux writes only the codes that change):
    // the hunk header cyan, the added lines green.
    const styled = h.tmux(['capture-pane', '-p', '-e', '-t', '=ui:']).stdout;
    const esc = String.fromCharCode(27);
    expect(styled).toMatch(new RegExp(`${esc}\\[36m(${esc}\\[\\d+m)*@@ -0,0 \\+1,80 @@`));
    expect(styled).toContain(`${esc}[32m+row 1`);
    tui.keys('G');
    const end = await tui.waitFor('the end of the diff', (s) => s.includes('lines 54–86 of 86'));
    expect(end).toContain('+row 80');
    expect(end).not.toContain('diff --git');
    tui.keys('k');
    await tui.waitFor('a line up', (s) => s.includes('lines 53–85 of 86'));
    tui.keys('Escape');
    await tui.waitFor(
      'the live screen again',
      (s) => s.includes('notes written') && !s.includes('+row'),
    );
  });
});

describe('cc-agent demo in a terminal', () => {
  let h: Harness;
  afterAll(() => h?.cleanup());

  it('sets up the demo world and opens the TUI on it', async () => {
    h = createHarness('tui-demo');
    const demo = startTui(h, { args: ['demo'], size: { x: 160, y: 40 } });
    const s = await demo.waitFor(
      'the demo in the TUI: agents asking, done, failed, the orchestrator, two approvals',
      (x) =>
        x.includes('1 Jobs') &&
        /! \S+ permission/.test(x) &&
        /\S+ completed/.test(x) &&
        /\S+ failed\(2\)/.test(x) &&
        /orch {5}/.test(x) &&
        x.includes('5 Approvals (2)'),
      30_000,
    );
    expect(s).toContain('Refactor the session store');
    // Its queue: three tasks, worked by the orchestrator through the TUI's own pulse.
    demo.keys('3');
    await demo.waitFor(
      'the three demo tasks done in the Queue panel',
      (x) => (x.match(/ done +\d+ +orch /g) ?? []).length === 3,
      30_000,
    );
  });
});

describe('cc-agent tui outside tmux', () => {
  let h: Harness;
  const clients: ChildProcess[] = [];
  afterAll(() => {
    for (const c of clients) c.kill();
    h?.cleanup();
  });

  it('creates session cc-agent-tui on the agents’ server, and re-attaches to it', async () => {
    h = createHarness('tui-outside');
    const env: NodeJS.ProcessEnv = { ...h.env, TERM: 'xterm-256color' };
    delete env['TMUX'];
    const open = (): ChildProcess =>
      spawn(
        'script',
        ['-qfc', `stty cols 160 rows 40; exec ${process.execPath} ${cliPath} tui`, '/dev/null'],
        { env, stdio: ['pipe', 'ignore', 'ignore'] },
      );
    clients.push(open());
    const screen = () => h.tmux(['capture-pane', '-p', '-t', '=cc-agent-tui:']).stdout;
    await waitFor(() => screen().includes('1 Jobs'), 'the TUI in session cc-agent-tui');
    clients.push(open());
    await waitFor(
      () => clientSessions(h).filter((s) => s === 'cc-agent-tui').length === 2,
      'a second client on the same session',
    );
    const sessions = h.tmux(['list-sessions', '-F', '#{session_name}']).stdout.trim().split('\n');
    expect(sessions).toEqual(['cc-agent-tui']);
  });
});

describe('cc-agent tui --serve', () => {
  let h: Harness;
  afterAll(() => h?.cleanup());

  it('serves the browser view from the TUI’s own engine', async () => {
    h = createHarness('tui-serve');
    const id = await startDemo(h, '[[say "seen by both"]]');
    const tui = startTui(h, { args: ['tui', '--serve', '--port', '0'], size: { x: 200, y: 40 } });
    await tui.waitFor('the TUI', (x) => x.includes('1 Jobs'));
    tui.keys('8');
    const screen = await tui.waitFor('the server URL in the Notifications panel', (x) =>
      /serving: http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.test(x),
    );
    const url = (/serving: (\S+)/.exec(screen) as RegExpExecArray)[1] as string;
    const [base, token] = url.split('/?token=') as [string, string];
    const res = await fetch(`${base}/api/jobs`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Job[]).map((j) => j.id)).toContain(id);
    expect((await fetch(`${base}/api/jobs`)).status).toBe(401);
  });
});
