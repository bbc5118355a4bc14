import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, schemaVersion, type SqliteDb as Db } from '../../src/engine/store/db.js';
import type { JobStatus } from '../../src/engine/store/job-types.js';
import { JobsRepo, toJob, type JobRow } from '../../src/engine/store/jobs-repo.js';
import { migrations } from '../../src/engine/store/migrations.js';
import { jobRow } from '../helpers/job-row.js';

const row = jobRow;

describe('openDb', () => {
  let dir: string;
  const open: Db[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-store-'));
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const openHere = (file = join(dir, 'nested', 'cc-agent.db')): Db => {
    const db = openDb(file);
    open.push(db);
    return db;
  };

  it('creates the file (and its folder) with the schema at the latest version', () => {
    const file = join(dir, 'nested', 'cc-agent.db');
    const db = openHere(file);
    expect(existsSync(file)).toBe(true);
    expect(migrations.length).toBeGreaterThan(0);
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['counters', 'hook_events', 'jobs']));
  });

  it('runs in WAL mode with a busy timeout and foreign keys on', () => {
    const db = openHere();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reopening is idempotent: same version, data kept, no migration re-run', () => {
    const file = join(dir, 'cc-agent.db');
    const first = openHere(file);
    new JobsRepo(first).insert(row('aaaaaaaa'));
    first.close();
    const second = openHere(file);
    expect(schemaVersion(second)).toBe(migrations.length);
    expect(new JobsRepo(second).get('aaaaaaaa')?.prompt_preview).toBe('prompt aaaaaaaa');
    // A second connection while the first is still open also just works.
    const third = openHere(file);
    expect(new JobsRepo(third).list()).toHaveLength(1);
  });

  it('a path that cannot be a database is a CcAgentError with code store', () => {
    expect(() => openDb(dir)).toThrow(
      expect.objectContaining({ name: 'CcAgentError', code: 'store' }),
    );
  });
});

describe('JobsRepo', () => {
  let dir: string;
  let db: Db;
  let jobs: JobsRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-repo-'));
    db = openDb(join(dir, 'cc-agent.db'));
    jobs = new JobsRepo(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('insert then get returns the same row; unknown ids are undefined', () => {
    const r = row('0badcafe', { session_id: 's-1', exit_code: 3, strip_ansi: 1 });
    jobs.insert(r);
    expect(jobs.get('0badcafe')).toMatchObject(r);
    expect(jobs.get('0badcafe')).toMatchObject({ input_tokens: 0, files_modified: '[]' });
    expect(jobs.get('ffffffff')).toBeUndefined();
  });

  it('toJob maps the row to the public shape (ISO times, parsed JSON, booleans)', () => {
    jobs.insert(row('0badcafe', { strip_ansi: 1, ended_at: 1_700_000_060_000 }));
    const job = toJob(jobs.get('0badcafe') as JobRow);
    expect(job).toMatchObject({
      id: '0badcafe',
      tmuxSession: 'cc-agent-0badcafe',
      argv: ['node', '--model', 'opus'],
      files: ['a.ts'],
      stripAnsi: true,
      createdAt: '2023-11-14T22:13:20.000Z',
      startedAt: null,
      endedAt: '2023-11-14T22:14:20.000Z',
    });
  });

  it('lists running > pending > failed > killed > completed, newest first within each', () => {
    const spec: [string, JobStatus, number][] = [
      ['c-old', 'completed', 1],
      ['r-old', 'running', 2],
      ['k-new', 'killed', 9],
      ['f-old', 'failed', 3],
      ['p-new', 'pending', 8],
      ['c-new', 'completed', 7],
      ['r-new', 'running', 6],
      ['f-new', 'failed', 5],
      ['p-old', 'pending', 4],
      ['k-old', 'killed', 0],
    ];
    for (const [id, status, t] of spec) jobs.insert(row(id, { status, created_at: t }));
    expect(jobs.list().map((r) => r.id)).toEqual([
      'r-new',
      'r-old',
      'p-new',
      'p-old',
      'f-new',
      'f-old',
      'k-new',
      'k-old',
      'c-new',
      'c-old',
    ]);
    expect(jobs.list(['completed', 'pending']).map((r) => r.id)).toEqual([
      'p-new',
      'p-old',
      'c-new',
      'c-old',
    ]);
    expect(jobs.list([])).toEqual([]);
  });

  it('update changes only the given columns; an empty patch is a no-op', () => {
    jobs.insert(row('0badcafe'));
    jobs.update('0badcafe', { status: 'completed', exit_code: 0, ended_at: 5, activity: null });
    jobs.update('0badcafe', {});
    const got = jobs.get('0badcafe') as JobRow;
    expect(got).toMatchObject(
      row('0badcafe', { status: 'completed', exit_code: 0, ended_at: 5, activity: null }),
    );
    expect(got.activity_detail).toBeNull();
  });

  it('delete removes exactly that row', () => {
    jobs.insert(row('aaaaaaaa'));
    jobs.insert(row('bbbbbbbb'));
    jobs.delete('aaaaaaaa');
    jobs.delete('not-there');
    expect(jobs.list().map((r) => r.id)).toEqual(['bbbbbbbb']);
  });

  it('an id clash surfaces as SQLITE_CONSTRAINT_PRIMARYKEY and keeps the first row', () => {
    jobs.insert(row('0badcafe', { prompt_preview: 'first' }));
    let err: unknown;
    try {
      jobs.insert(row('0badcafe', { prompt_preview: 'second' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Database.SqliteError);
    expect((err as { code: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(jobs.get('0badcafe')?.prompt_preview).toBe('first');
  });
});
