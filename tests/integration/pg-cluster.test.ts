import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.js';

/**
 * The shared store's tests (many hosts, issue 17) run against a real PostgreSQL the suite
 * starts itself: Debian's initdb/pg_ctl into a temp dir, not as root, on a private port and
 * socket dir, gone afterwards. This proves the harness on every machine `npm test` runs on.
 */
describe('a private PostgreSQL cluster for the tests', () => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPgCluster('harness');
  }, 60_000);
  afterAll(() => pg?.stop());

  it('answers SQL on its own port, as its own user, never as root', () => {
    expect(pg.psql('SELECT 40 + 2')).toBe('42');
    expect(pg.psql('SHOW port')).toBe(String(pg.port));
    expect(pg.psql('SELECT current_user')).toBe('cc');
    // The server process is not root's.
    const pid = pg.psql('SELECT pg_backend_pid()');
    const owner = spawnSync('ps', ['-o', 'user=', '-p', pid], { encoding: 'utf8' }).stdout.trim();
    expect(owner).not.toBe('root');
    expect(pg.psql('SHOW server_version_num').slice(0, 2)).toMatch(/^1[5-9]$/);
  });

  it('stops and leaves nothing behind', () => {
    const dir = pg.dir;
    const port = pg.port;
    pg.stop();
    expect(existsSync(dir)).toBe(false);
    const r = spawnSync('psql', [
      '-X',
      '-At',
      `postgres://cc@127.0.0.1:${port}/postgres`,
      '-c',
      'SELECT 1',
    ]);
    expect(r.status).not.toBe(0);
  });
});
