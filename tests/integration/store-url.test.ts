import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostSummary } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';

/** `settings store.url`: the other way to point a host at the shared store than its env. */
describe('settings store.url', () => {
  let pg: PgCluster;
  let h: Harness;
  beforeAll(async () => {
    pg = await startPgCluster('store-url');
    h = createHarness('store-url');
  }, 60_000);
  afterAll(() => {
    h?.cleanup();
    pg?.stop();
  });

  const setting = async (): Promise<unknown> =>
    (JSON.parse(await h.ok(['settings', '--json'])) as Record<string, unknown>)['store.url'];

  it('refuses what is not a postgres URL, in one line, keeping nothing', async () => {
    for (const bad of ['http://example.com/db', 'not a url']) {
      const r = await h.cli(['settings', 'store.url', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('invalid store.url')]);
    }
    expect(await setting()).toBeNull();
  });

  it('kept owner-only, shown without its password; the next command uses the shared store', async () => {
    const url = pg.url.replace('cc@', 'cc:not-a-secret@');
    await h.ok(['settings', 'store.url', url]);
    expect(statSync(join(h.home, 'store.url')).mode & 0o777).toBe(0o600);
    expect(await setting()).toBe(pg.url.replace('cc@', 'cc:***@'));
    h.env['CC_AGENT_HOST_ID'] = 'gamma';
    const hosts = JSON.parse(await h.ok(['hosts', '--json'])) as HostSummary[];
    expect(hosts.map((x) => x.id)).toEqual(['gamma']);
    expect(pg.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'jobs'")).toBe('1');
  });

  it('unreachable: one line that says where it was set and how to go back', async () => {
    await h.ok(['settings', 'store.url', 'postgres://cc@127.0.0.1:1/nowhere']);
    const r = await h.cli(['jobs']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/cannot reach PostgreSQL at .*remove that file/),
    ]);
  });
});
