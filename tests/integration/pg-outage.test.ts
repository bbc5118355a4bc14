import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { eventsOf, jobJson, startDemo } from '../helpers/jobs.js';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The shared store goes away for 30 s under a working agent: the host's engine keeps going,
 * the agent's hook events wait in the local spool, and once PostgreSQL is back every one of
 * them is stored once: none lost, none twice.
 */
describe('PostgreSQL away for 30 s under load', () => {
  let pg: PgCluster;
  let h: Harness;
  beforeAll(async () => {
    pg = await startPgCluster('outage');
    h = createHarness('pg-outage');
    h.env['CC_AGENT_DATABASE_URL'] = pg.url;
    h.env['CC_AGENT_HOST_ID'] = 'alpha';
    await h.ok(['pulse', 'start']);
  }, 60_000);
  afterAll(async () => {
    await h?.cli(['pulse', 'stop']);
    h?.cleanup();
    pg?.stop();
  });

  it('0 events lost, 0 stored twice', async () => {
    const steps = 40;
    const prompt = `${'[[bash "sleep 1"]] '.repeat(steps)}[[say "outlived it"]]`;
    const id = await startDemo(h, prompt);
    await waitFor(
      async () => (await eventsOf(h, id)).filter((e) => e.event === 'PostToolUse').length >= 3,
      'a few tool calls stored before the outage',
    );
    pg.down();
    const downAt = Date.now();
    // Meanwhile: commands say what is wrong in one line; the agent goes on (its pane lives).
    const r = await h.cli(['jobs']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /cannot reach PostgreSQL at postgres:\/\/cc@127\.0\.0\.1:\d+\/postgres/,
      ),
    ]);
    await waitFor(() => Date.now() - downAt >= 30_000, 'the 30 s outage', 40_000);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${id}`]).code).toBe(0);
    pg.up();
    const events = await waitFor(
      async () => {
        const e = await eventsOf(h, id);
        return e.some((x) => x.event === 'Stop') ? e : undefined;
      },
      'the turn to end, every event stored',
      90_000,
    );
    const count = (name: string): number => events.filter((e) => e.event === name).length;
    expect(count('PreToolUse')).toBe(steps);
    expect(count('PostToolUse')).toBe(steps);
    expect(count('UserPromptSubmit')).toBe(1);
    expect(count('Stop')).toBe(1);
    expect(new Set(events.map((e) => e.seq)).size).toBe(events.length);
    expect((await jobJson(h, id)).summary).toBe('outlived it');
  });
});
