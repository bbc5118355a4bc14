import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { App } from '../../src/tui/app.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The App on a real store (temp home, real SQLite) with no tmux: queue, triggers and approvals
 * need none. Keys go in through Ink's stdin; frames are read back as text.
 */
let home: string;
let engine: Engine;
let app: ReturnType<typeof render>;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-tui-app-'));
  engine = createEngine({
    home,
    env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-app-unused' },
  });
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
    // Each key is its own read, as a person types them.
    await new Promise((r) => setImmediate(r));
  }
};

describe('the TUI app', () => {
  it('starts on the Jobs panel with the tabs and key hints', async () => {
    const f = await until('the first frame', (x) => x.includes('1 Jobs'));
    expect(f).toContain('no agents yet: press n to start one');
    expect(f).toContain('8 Notifications');
    expect(f).toMatch(/\? help · q quit/);
  });

  it('Escape on the list clears an applied filter (not only the prompt)', async () => {
    engine.queue.add('write the docs', 1);
    engine.queue.add('fix the auth bypass', 10);
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

  it('lists the queue in priority order, moves, filters and removes with confirmation', async () => {
    engine.queue.add('write the docs', 1);
    engine.queue.add('fix the auth bypass', 10);
    engine.queue.add('refactor the pool', 5);
    await until('the first frame', (x) => x.includes('1 Jobs'));
    await press('3');
    const f = await until('the queue', (x) => x.includes('write the docs'));
    const order = ['fix the auth bypass', 'refactor the pool', 'write the docs'].map((t) =>
      f.indexOf(t),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));

    await press('/', 'd', 'o', 'c', 's', '\r');
    await until('the filter to apply', (x) => !x.includes('refactor the pool'));
    expect(frame()).toContain('write the docs');
    expect(frame()).toContain('filter: docs');

    await press('d');
    await until('the confirmation', (x) =>
      /Remove task [0-9a-f]{8} from the queue\? \[y\/n\]/.test(x),
    );
    await press('y');
    await until('the task to go', (x) => !x.includes('write the docs'));
    expect(engine.queue.list().map((t) => t.prompt)).toEqual([
      'fix the auth bypass',
      'refactor the pool',
    ]);
  });

  it('approves a pending approval by keyboard and the action runs once', async () => {
    engine.triggers.add({
      name: 'backlog',
      kind: 'threshold',
      condition: 'queue_depth >= 1',
      action: 'queue_task',
      payload: '{"prompt":"triage the backlog"}',
      autonomy: 'confirm',
    });
    engine.queue.add('something');
    await engine.triggers.tick();
    const [pending] = engine.triggers.approvals();
    await until('the first frame', (x) => x.includes('1 Jobs'));
    await press('5');
    await until('the approval', (x) => x.includes(pending?.id ?? '?'));
    expect(frame()).toContain('5 Approvals (1)');
    await press('a');
    await until('the result', (x) => x.includes(`approval ${pending?.id} approved`)).catch((e) => {
      console.log(frame());
      throw e;
    });
    expect(engine.queue.list().filter((t) => t.prompt === 'triage the backlog')).toHaveLength(1);
    await press('a');
    await until('the list to empty', (x) => x.includes('nothing waits for you'));
    expect(engine.queue.list().filter((t) => t.prompt === 'triage the backlog')).toHaveLength(1);
  });

  it('opens help, the palette and the new-agent form; Escape backs out of each', async () => {
    await until('the first frame', (x) => x.includes('1 Jobs'));
    await press('?');
    // Every section fits: their titles (not in the tabs) are all drawn.
    await until('help', (x) =>
      ['Keys (any key closes)', 'Everywhere', 'Lists', 'Job detail'].every((t) => x.includes(t)),
    );
    await press('x');
    await until('help to close', (x) => !x.includes('Keys (any key closes)'));
    await press('\x0b'); // Ctrl+K
    await until('the palette', (x) => x.includes('Command:'));
    await press('s', 'p', 'r', 'i', 'n', 't');
    await until('modes in the palette', (x) => x.includes('mode: activate sprint'));
    await press('\x1b');
    await until('the palette to close', (x) => !x.includes('Command:'));
    await press('n');
    await until('the form', (x) => x.includes('New agent'));
    expect(frame()).toMatch(/agent\s+claude/);
    await press('\x1b');
    await until('the form to close', (x) => !x.includes('New agent'));
  });

  it('shows notifications, the orchestrator and the analytics charts', async () => {
    await until('the first frame', (x) => x.includes('1 Jobs'));
    engine.events.emit('notification', {
      title: 'trigger nightly',
      message: 'the build is green',
      at: new Date().toISOString(),
    });
    await press('8');
    await until('the notification', (x) => x.includes('trigger nightly: the build is green'));
    await press('6');
    await until('the orchestrator panel', (x) => /not started .*context - \(normal\)/s.test(x));
    await press('7');
    const f = await until('the charts', (x) => x.includes('tokens per day (14 d)'));
    expect(f).toContain('recent job durations');
    expect(f).toContain('no tool calls yet');
  });
});
