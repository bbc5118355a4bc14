import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

/**
 * No SQL outside src/engine/store/ (issue 15): the rest of the engine talks to repositories,
 * so another dialect (PostgreSQL, for many hosts) replaces store/ alone. src/engine/triggers/
 * is moved to repositories separately; drop its exemption when it has been.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const ENGINE = join(ROOT, 'src', 'engine');
const EXEMPT = ['src/engine/store/', 'src/engine/triggers/'];
const SQL = /\.prepare\(|\.transaction\(|\bdb\.(exec|pragma)\b|ctx\.db\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

it('finds statements, transactions, pragmas and raw handles only in the store', () => {
  const offending = sources(ENGINE)
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
  expect(sources(ENGINE).some((f) => f.endsWith(join('store', 'sqlite-queue.ts')))).toBe(true);
});
