import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { createContext } from '../../src/engine/create-context.js';
import { notifyNow } from '../../src/engine/notify/notifier.js';
import { setSetting } from '../../src/engine/store/retention.js';
import { waitFor } from '../helpers/wait-for.js';

/** A trigger's notify action: no job state behind it, claimed and sent at once. */
let home: string;
let out: string;
let now: number;
let ctx: EngineContext;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc notify now '));
  out = join(home, 'sent notes.jsonl');
  now = Date.parse('2026-03-02T10:00:00.000Z');
  ctx = createContext({ home, env: { PATH: process.env['PATH'] }, now: () => now });
});
afterEach(() => {
  ctx.db.close();
  rmSync(home, { recursive: true, force: true });
});

const appendStdin = () =>
  setSetting(ctx, 'notify.command', JSON.stringify(['sh', '-c', 'cat >> "$1"', 'sh', out]));
const sent = (): Record<string, unknown>[] =>
  existsSync(out)
    ? readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

describe('notifyNow', () => {
  it('is false without notify.command', () => {
    expect(notifyNow(ctx, 'Deploy', 'done')).toBe(false);
  });

  it('sends a trigger note and debounces a second one inside notify.debounce_seconds', async () => {
    appendStdin();
    expect(notifyNow(ctx, 'Nightly ✓', 'all green')).toBe(true);
    now += 5_000;
    expect(notifyNow(ctx, 'Nightly ✓', 'again')).toBe(false);
    now += 30_000;
    expect(notifyNow(ctx, 'Nightly ✓', 'later')).toBe(true);
    // Delivered in the background: wait for both lines.
    await waitFor(() => sent().length === 2, 'two trigger notes');
    expect(
      sent()
        .map((x) => [x['kind'], x['title'], x['message'], x['job'], x['link']])
        .sort(),
    ).toEqual([
      ['trigger', 'Nightly ✓', 'all green', null, null],
      ['trigger', 'Nightly ✓', 'later', null, null],
    ]);
  });
});
