import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { App } from '../../src/tui/app.js';
import { waitFor } from '../helpers/wait-for.js';

/** A filter applied with Enter stays until Escape clears it (on the list, not only the prompt). */
let home: string;
let engine: Engine;
let app: ReturnType<typeof render>;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-tui-filter-'));
  engine = createEngine({ home, env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-filter' } });
  engine.queue.add('write the docs', 1);
  engine.queue.add('fix the auth bypass', 10);
  app = render(<App engine={engine} cwd={home} />);
});
afterEach(() => {
  app.unmount();
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

const frame = (): string => app.lastFrame() ?? '';
const until = (what: string, ok: (f: string) => boolean) =>
  waitFor(() => ok(frame()) && frame(), what, 5000, 10);
const press = async (...keys: string[]): Promise<void> => {
  for (const k of keys) {
    app.stdin.write(k);
    await new Promise((r) => setImmediate(r));
  }
};

describe('Escape and an applied filter', () => {
  it('clears the filter and shows every row again', async () => {
    await until('the first frame', (x) => x.includes('1 Jobs'));
    await press('3');
    await until('the queue', (x) => x.includes('fix the auth bypass'));
    await press('/', 'd', 'o', 'c', 's', '\r');
    await until('the filter applied', (x) => x.includes('filter: docs'));
    expect(frame()).not.toContain('fix the auth bypass');
    // The footer says how to drop it.
    expect(frame()).toContain('esc clears');
    await press('\x1b');
    const f = await until('the filter cleared', (x) => !x.includes('filter: docs'));
    expect(f).toContain('fix the auth bypass');
    expect(f).toContain('write the docs');
  });
});
