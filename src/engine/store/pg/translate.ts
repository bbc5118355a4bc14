/**
 * The repositories' SQL is written once, in the part of SQL both dialects share; what differs
 * is how parameters are spelled and SQLite's implicit rowid. This turns a statement's text into
 * PostgreSQL's: `?` → `$1, $2, …`; `@name` → one `$k` per distinct name (values then come from
 * an object, as better-sqlite3 takes them); `rowid` → `seq` (the PostgreSQL schema gives the
 * tables whose insertion order matters a `seq` column); a camelCase alias (`AS endedAt`) is
 * quoted, or PostgreSQL would fold it to `endedat`. Quoted strings and identifiers are left as
 * they are. (SQL keywords in the repositories are written in capitals or all in lower case.)
 */
export interface PgStatement {
  text: string;
  /** For `@name` parameters: the names in `$k` order; undefined for `?` parameters. */
  names: string[] | undefined;
  /** How many `?` it has. */
  positional: number;
}

const WORD = /[A-Za-z0-9_]/;

export function toPg(sql: string): PgStatement {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      out += `$${++positional}`;
    } else if (ch === '@' && WORD.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && WORD.test(sql[j] as string)) j++;
      const name = sql.slice(i + 1, j);
      let k = names.indexOf(name);
      if (k === -1) k = names.push(name) - 1;
      out += `$${k + 1}`;
      i = j - 1;
    } else if (/[A-Za-z_]/.test(ch) && !WORD.test(sql[i - 1] ?? '') && sql[i - 1] !== '$') {
      let j = i + 1;
      while (j < sql.length && WORD.test(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      out += /^rowid$/i.test(word)
        ? 'seq'
        : /^[a-z][a-z0-9_]*[A-Z]/.test(word)
          ? `"${word}"`
          : word;
      i = j - 1;
    } else {
      out += ch;
    }
  }
  return { text: out, names: names.length ? names : undefined, positional };
}

/** The values for a translated statement, from what a repository passed to run/get/all. */
export function pgValues(s: PgStatement, params: readonly unknown[]): unknown[] {
  // An object of named values for a statement that ended up with none (an optional WHERE left
  // out) binds nothing, as better-sqlite3 lets it.
  if (!s.names) return s.positional === 0 ? [] : params.map(pgValue);
  const named = (params[0] ?? {}) as Record<string, unknown>;
  return s.names.map((n) => {
    if (!(n in named)) throw new RangeError(`Missing named parameter "${n}"`);
    return pgValue(named[n]);
  });
}

// better-sqlite3 takes bigint and Buffer as they are; so does node-postgres. undefined is an
// error in better-sqlite3, null here: the repositories never pass it.
const pgValue = (v: unknown): unknown => (v === undefined ? null : v);
