import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/**
 * The import graph of src/, read from the sources, and the structure rules checked on it
 * (DESIGN.md: faces stand side by side on the engine's entry and the shared view layer).
 * Kept apart from the test so it is tested on small fake graphs first.
 */
export interface Import {
  /** Repo-relative posix paths: `src/tui/app.tsx` → `src/view/format.ts` (or a package name). */
  from: string;
  to: string;
  typeOnly: boolean;
  /** `import()`: loads another face only to launch it (the `tui` and `serve` commands). */
  dynamic: boolean;
}

const STATIC = /^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gm;
const BARE = /^\s*import\s+'([^']+)'/gm;
const DYNAMIC = /import\(\s*'([^']+)'\s*\)/g;

/** `./x.js` from `src/a/b.ts` → `src/a/x.ts` (or .tsx), as the file on disk is named. */
export function resolveSpec(from: string, spec: string, exists: (p: string) => boolean): string {
  if (!spec.startsWith('.')) return spec;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(m?js|tsx?)$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, base].find(exists) ?? base;
}

/** What one file imports. An import whose every name is `type X` is type-only too. */
export function parseImports(from: string, text: string, exists: (p: string) => boolean): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(STATIC)) {
    const names = m[2] ?? '';
    const inner = /^\{([^}]*)\}$/.exec(names.trim())?.[1];
    const allTypes =
      inner !== undefined &&
      inner.split(',').filter((n) => n.trim()).length > 0 &&
      inner
        .split(',')
        .filter((n) => n.trim())
        .every((n) => n.trim().startsWith('type '));
    const typeOnly = Boolean(m[1]) || allTypes;
    out.push({ from, to: resolveSpec(from, m[3] as string, exists), typeOnly, dynamic: false });
  }
  for (const m of text.matchAll(BARE)) {
    out.push({
      from,
      to: resolveSpec(from, m[1] as string, exists),
      typeOnly: false,
      dynamic: false,
    });
  }
  for (const m of text.matchAll(DYNAMIC)) {
    out.push({
      from,
      to: resolveSpec(from, m[1] as string, exists),
      typeOnly: false,
      dynamic: true,
    });
  }
  return out;
}

/** Every import of every .ts/.tsx file under `root`/src. */
export function scanTree(root: string): Import[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk(join(root, 'src'));
  const exists = (p: string): boolean => existsSync(join(root, p));
  return files.flatMap((f) => {
    const rel = relative(root, f).split('\\').join('/');
    return parseImports(rel, readFileSync(f, 'utf8'), exists);
  });
}

export const FACES = ['commands', 'tui', 'server', 'web'] as const;
/** The folder under src/ a path is in (`cli.ts` for a top-level file), or null outside src/. */
export const folderOf = (p: string): string | null =>
  p.startsWith('src/') ? (p.split('/')[1] ?? null) : null;
const isFace = (f: string | null): boolean => (FACES as readonly string[]).includes(f ?? '');

/** The engine's entry, and its words (constants only: a command's help loads nothing more). */
const ENGINE_ENTRIES = ['src/engine/index.ts', 'src/engine/vocabulary.ts'];

/**
 * What breaks the layering: a face reaching into the engine past its entry (the page: by more
 * than types), a face importing another face, the view layer importing a face, Node or the
 * engine's code. One line per import.
 */
export function layerViolations(imports: readonly Import[]): string[] {
  const bad: string[] = [];
  for (const i of imports) {
    const from = folderOf(i.from);
    const to = folderOf(i.to);
    const line = (why: string): number => bad.push(`${i.from} → ${i.to}: ${why}`);
    if (isFace(from) && to === 'engine') {
      if (!ENGINE_ENTRIES.includes(i.to)) line('a face imports the engine only through its index');
      else if (from === 'web' && !i.typeOnly) line("the page takes the engine's types only");
    }
    if (isFace(from) && isFace(to) && from !== to && !i.dynamic)
      line('a face imports another face');
    if (from === 'view') {
      if (isFace(to)) line('the view layer imports a face');
      if (i.to.startsWith('node:')) line('the view layer runs in the page: no node:*');
      if (to === 'engine' && !i.typeOnly) line("the view layer takes the engine's types only");
    }
  }
  return bad;
}

/**
 * Groups (a file's folder, say) that import each other round a cycle, found on static imports:
 * each set of groups that reach one another (a strongly connected set, by Tarjan), sorted.
 */
export function groupCycles(
  imports: readonly Import[],
  groupOf: (path: string) => string | null,
): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const a = groupOf(i.from);
    const b = groupOf(i.to);
    if (i.dynamic || !a || !b || a === b) continue;
    edges.set(a, (edges.get(a) ?? new Set()).add(b));
    if (!edges.has(b)) edges.set(b, new Set());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const set: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      set.push(w);
      if (w === v) break;
    }
    if (set.length > 1) cycles.push(set.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return cycles;
}
