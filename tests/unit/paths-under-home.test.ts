import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoBackend } from '../../src/engine/agents/demo.js';
import { pathsFor } from '../../src/engine/paths.js';

const src = fileURLToPath(new URL('../../src', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });

/** Every file under the home is named in engine/paths.ts, and nowhere else. */
describe('paths under the home', () => {
  it('are built only in engine/paths.ts (the simulated agent stands alone)', () => {
    const outside = sources(src)
      .map((f) => relative(src, f))
      .filter((f) => f !== join('engine', 'paths.ts') && !f.startsWith('demo-agent'))
      .flatMap((f) =>
        readFileSync(join(src, f), 'utf8')
          .split('\n')
          .filter((line) => /\bjoin\([^)]*\bhome\b/.test(line))
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(outside).toEqual([]);
  });

  it('name the TUI log, the demo workspace and the demo agent config dir', () => {
    const p = pathsFor('/h');
    expect(p.tuiLog).toBe('/h/tui.log');
    expect(p.demoWorkspace).toBe('/h/demo-workspace');
    expect(p.demoClaude).toBe('/h/demo-claude');
  });

  it("the simulated agent's config dir is the one Paths names", () => {
    const spec = demoBackend.launch({
      jobId: 'j1',
      home: '/h',
      dir: '/w',
      model: undefined,
      effort: undefined,
      sandbox: 'workspace-write',
      sessionId: '00000000-0000-4000-8000-000000000000',
      settingsFile: '/h/jobs/j1.settings.json',
      relayScript: '/relay.sh',
    });
    expect(spec.env['CLAUDE_CONFIG_DIR']).toBe(pathsFor('/h').demoClaude);
  });
});
