import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';
import {
  folderOf,
  groupCycles,
  layerViolations,
  parseImports,
  resolveSpec,
  scanTree,
  type Import,
} from '../helpers/import-graph.js';

/**
 * The structure as DESIGN.md draws it, checked on the real import graph: faces (commands,
 * tui, server, web) stand side by side on the engine's entry and the shared view layer, no
 * face imports another, and no two top-level folders of src/ import each other round a cycle.
 * The checker is first shown to catch each kind of violation on small fake graphs.
 */
const imp = (from: string, to: string, typeOnly = false, dynamic = false): Import => ({
  from,
  to,
  typeOnly,
  dynamic,
});
const files = new Set(['src/view/a.ts', 'src/tui/app.tsx', 'src/engine/index.ts']);
const exists = (p: string): boolean => files.has(p);

describe('the import checker', () => {
  it('reads static, type-only, re-exported and dynamic imports, resolving .js to the source', () => {
    const text = [
      "import { a } from '../view/a.js';",
      "import type { Job } from '../engine/index.js';",
      "import {\n  type Job,\n  type Task,\n} from '../engine/index.js';",
      "import { x, type Y } from '../engine/index.js';",
      "export { b } from './app.js';",
      "const m = await import('../server/listen.js');",
      "import 'node:fs';",
    ].join('\n');
    const got = parseImports('src/tui/main.tsx', text, exists);
    expect(got).toEqual([
      imp('src/tui/main.tsx', 'src/view/a.ts'),
      imp('src/tui/main.tsx', 'src/engine/index.ts', true),
      imp('src/tui/main.tsx', 'src/engine/index.ts', true),
      imp('src/tui/main.tsx', 'src/engine/index.ts'),
      imp('src/tui/main.tsx', 'src/tui/app.tsx'),
      imp('src/tui/main.tsx', 'node:fs'),
      imp('src/tui/main.tsx', 'src/server/listen.js', false, true),
    ]);
    expect(resolveSpec('src/a/b.ts', 'react', exists)).toBe('react');
  });

  it('flags a face past the engine entry, a face importing a face, and a view importing Node', () => {
    const graph = [
      imp('src/tui/app.tsx', 'src/engine/store/db.ts'),
      imp('src/web/app.tsx', 'src/engine/index.ts'),
      imp('src/web/app.tsx', 'src/engine/index.ts', true),
      imp('src/web/app.tsx', 'src/tui/rows.ts'),
      imp('src/commands/tui.ts', 'src/tui/main.tsx', false, true),
      imp('src/view/x.ts', 'node:path'),
      imp('src/view/x.ts', 'src/engine/index.ts'),
      imp('src/view/x.ts', 'src/server/app.ts', true),
      imp('src/server/app.ts', 'src/view/snapshot.ts'),
    ];
    expect(layerViolations(graph)).toEqual([
      'src/tui/app.tsx → src/engine/store/db.ts: a face imports the engine only through its index',
      "src/web/app.tsx → src/engine/index.ts: the page takes the engine's types only",
      'src/web/app.tsx → src/tui/rows.ts: a face imports another face',
      'src/view/x.ts → node:path: the view layer runs in the page: no node:*',
      "src/view/x.ts → src/engine/index.ts: the view layer takes the engine's types only",
      'src/view/x.ts → src/server/app.ts: the view layer imports a face',
    ]);
  });

  it('finds folders importing each other round a cycle, whatever its length', () => {
    const graph = [
      imp('src/a/1.ts', 'src/b/1.ts'),
      imp('src/b/1.ts', 'src/c/1.ts', true),
      imp('src/c/1.ts', 'src/a/2.ts'),
      imp('src/d/1.ts', 'src/a/1.ts'),
      imp('src/e/1.ts', 'src/d/1.ts', false, true),
      imp('src/d/1.ts', 'src/e/1.ts'),
    ];
    expect(groupCycles(graph, folderOf)).toEqual([['a', 'b', 'c']]);
    expect(groupCycles(graph.slice(0, 2), folderOf)).toEqual([]);
  });
});

describe('the source tree', () => {
  const graph = scanTree(repoRoot);

  it('is read whole (every face and the view layer have imports)', () => {
    const folders = new Set(graph.map((i) => folderOf(i.from)));
    for (const f of ['commands', 'tui', 'server', 'web', 'view', 'engine']) {
      expect(folders.has(f), f).toBe(true);
    }
  });

  it('keeps faces on the engine entry and the view layer, and apart from each other', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycle between the top-level folders of src/', () => {
    expect(groupCycles(graph, folderOf)).toEqual([]);
  });
});
