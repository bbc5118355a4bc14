import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

/**
 * No SQL outside src/engine/store/ (issue 15): the rest of the engine and every face talk to
 * repositories, so another dialect (PostgreSQL, for many hosts) replaces store/ alone.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const EXEMPT = ['src/engine/store/'];
const SQL =
  /\.prepare\(|\.transaction\(|\bdb\.(exec|pragma)\b|ctx\.db\b|\b(SELECT .+ FROM|INSERT INTO|DELETE FROM|UPDATE \w+ SET)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : /\.tsx?$/.test(d.name)
        ? [join(dir, d.name)]
        : [],
  );
}

it('finds statements, transactions, pragmas and raw handles only in the store', () => {
  const offending = sources(SRC)
    .map((f) => relative(ROOT, f))
    .filter((f) => !EXEMPT.some((e) => f.startsWith(e)))
    .flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
        .filter(({ line }) => SQL.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
  expect(offending).toEqual([]);
});

it('would see one (the check is not blind)', () => {
  expect(SQL.test("  const rows = ctx.db.prepare('SELECT 1').all();")).toBe(true);
  expect(SQL.test('  db.pragma("data_version")')).toBe(true);
  expect(SQL.test("  const q = 'DELETE FROM tasks WHERE id = ?';")).toBe(true);
  expect(SQL.test('  /^(\\d+)$/.exec(text)')).toBe(false);
  expect(sources(SRC).some((f) => f.endsWith(join('web', 'app.tsx')))).toBe(true);
});
