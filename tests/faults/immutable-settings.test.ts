import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { expectOneLine, taskPrompts } from './fault-world.js';

/** chattr +i where the file system allows it (root); else a read-only file in a read-only folder. */
const chattr = (flag: '+i' | '-i', file: string): boolean =>
  spawnSync('chattr', [flag, file], { stdio: 'ignore' }).status === 0;

describe('an immutable ~/.claude/settings.json', () => {
  let h: Harness;
  let dir: string;
  let file: string;
  let immutable = false;
  const original = '{\n  "model": "opus"\n}\n';
  beforeAll(async () => {
    h = createHarness('fault-immutable');
    dir = join(h.fakeHome, '.claude');
    file = join(dir, 'settings.json');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, original);
    await h.ok(['queue', 'add', 'committed']);
    immutable = chattr('+i', file);
    if (!immutable) {
      console.log('chattr +i unavailable here: a read-only file in a read-only folder stands in');
      chmodSync(file, 0o444);
      chmodSync(dir, 0o555);
    }
  });
  afterAll(() => {
    if (immutable) chattr('-i', file);
    else chmodSync(dir, 0o755);
    h?.cleanup();
  });

  it('setup-hooks gives one line naming the file and how to allow it, leaving no temp file', async () => {
    const r = await h.cli(['setup-hooks']);
    expectOneLine(r, file, immutable ? /chattr -i/ : /permission denied|read-only/);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(await taskPrompts(h)).toEqual(['committed']);
  });
});
