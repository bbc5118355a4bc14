import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgBinDir } from './prereqs.mjs';

/**
 * A private PostgreSQL cluster for one test file: initdb into a temp dir, started by pg_ctl on a
 * free 127.0.0.1 port with its socket in that dir, trust auth for one user, never a shared
 * server. PostgreSQL refuses to run as root: as root it runs as `nobody` (runuser), the dir
 * handed to that user. `stop()` stops it and removes everything.
 */

const USER = 'cc';

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

/** @param {string} name */
export async function startPgCluster(name) {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), `cc-pg-${name}-`));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  mkdirSync(sock);
  // As root, everything the server touches belongs to `nobody`.
  const as = (argv) => (root ? ['runuser', '-u', 'nobody', '--', ...argv] : argv);
  if (root) for (const p of [dir, sock]) chownSync(p, 65534, 65534);
  const run = (argv) => {
    const [cmd, ...args] = as(argv);
    const r = spawnSync(cmd, args, {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], LC_ALL: 'C' },
    });
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  const start = () => {
    run([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  };
  try {
    run([join(bin, 'initdb'), '-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
    start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    down: () => void run([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']),
    up: start,
    psql(sql) {
      const r = spawnSync('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr.trim()}`);
      return r.stdout.trim();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
