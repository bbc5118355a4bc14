import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { openDb, type Db } from '../../src/engine/store/db.js';
import { JobsRepo } from '../../src/engine/store/jobs-repo.js';
import { useEngineData } from '../../src/tui/data/use-engine-data.js';
import { jobRow } from '../helpers/job-row.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The TUI's data against a real store, with the TUI's own engine doing the ingesting: a state
 * change its engine commits while the TUI reloads must reach the screen. Before the fix, the
 * reload cleared the mark that change set while it was loading, and the row stayed `working`
 * until some other job changed (issue 14, item 2). Reads no longer ingest (issue 15): the
 * TUI's live engine does, as in `cc-agent tui`.
 */
const JOB = 'a11ce000';
const SESSION = 'sess-a11ce';

let root: string;
let engine: Engine;
let other: Db;
let app: ReturnType<typeof render>;
let live: Awaited<ReturnType<Engine['live']>>;

function States(props: { engine: Engine }) {
  const data = useEngineData(props.engine);
  return <Text>{data.jobs.map((j) => `${j.id}=${j.activity ?? j.status}`).join(' ')}</Text>;
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'cc-tui-own-ingest-'));
  engine = createEngine({
    home: join(root, 'home'),
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-own-ingest-unused' },
  });
  mkdirSync(engine.paths.spoolDir, { recursive: true });
  // Another process's connection (a `cc-agent queue add` in a shell).
  other = openDb(engine.paths.db);
  const now = Date.now();
  new JobsRepo(other).insert(
    jobRow(JOB, {
      session_id: SESSION,
      activity: 'working',
      created_at: now,
      started_at: now,
      updated_at: now,
    }),
  );
  // No tmux pane to ask about (the job is a row only): the live engine just ingests here.
  live = await engine.live({ panesMs: Infinity });
});
afterEach(async () => {
  app?.unmount();
  await live.stop();
  other.close();
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

it('shows a state its own timeline reload ingested', async () => {
  app = render(<States engine={engine} />);
  const frame = (): string => app.lastFrame() ?? '';
  await waitFor(() => frame().includes(`${JOB}=working`), 'the job working', 5000, 10);
  // The agent's turn ends: the relay has put its Stop in the spool, not ingested yet.
  writeFileSync(
    join(engine.paths.spoolDir, `${String(1_750_000_000_000_000_000n)}.4242.json`),
    JSON.stringify({
      v: 1,
      job_id: JOB,
      ts: Date.now(),
      payload: { hook_event_name: 'Stop', session_id: SESSION, last_assistant_message: 'ok' },
    }),
  );
  // Another process commits something, and the next tick reloads everything, timeline too.
  other.prepare("INSERT INTO settings (key, value) VALUES ('x.test', '1')").run();
  engine.events.emit('pulse_tick', { at: new Date().toISOString(), leader: true });
  await waitFor(
    () => engine.jobsNow()[0]?.activity === 'waiting',
    'the store to say waiting',
    5000,
    10,
  );
  // No further event will come: what is on screen now must be what the store says.
  await waitFor(
    () => frame().includes(`${JOB}=waiting`),
    'the screen to say waiting',
    2000,
    10,
  ).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n--- frame ---\n${frame()}`);
  });
  expect(frame()).toBe(`${JOB}=waiting`);
});
