import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realRunner } from '../../src/engine/process/runner.js';
import { Chain, Tmux, tmuxWord } from '../../src/engine/tmux/tmux.js';
import { killTmuxServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait-for.js';

describe("tmux's own ';' separator never eats a user's word", () => {
  const socket = `cc-words-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'cc-words-'));
  afterAll(() => {
    killTmuxServer(socket);
    rmSync(dir, { recursive: true, force: true });
  });

  it('escapes a trailing ; (and only that) in every word', () => {
    expect(tmuxWord('a;')).toBe('a\\;');
    expect(tmuxWord(';')).toBe('\\;');
    expect(tmuxWord('a\\;')).toBe('a\\\\;');
    expect(tmuxWord('a;b')).toBe('a;b');
    expect(new Chain(['x', 'y;'], ['z']).argv).toEqual(['x', 'y\\;', ';', 'z']);
  });

  it('real tmux hands words ending in ; to the program byte-exact', async () => {
    const tmux = new Tmux(realRunner, socket);
    const out = join(dir, 'argv.out');
    const words = ['ends with;', ';', 'back\\;', 'mid;dle', '-x'];
    await tmux.startSession({
      name: 'words',
      cwd: dir,
      argv: ['/bin/sh', '-c', 'printf "%s\\n" "$@" > "$0.tmp" && mv "$0.tmp" "$0"', out, ...words],
      env: {},
      logFile: join(dir, 'log'),
    });
    await waitFor(() => existsSync(out), 'the program to write its argv');
    expect(readFileSync(out, 'utf8')).toBe(`${words.join('\n')}\n`);
  });
});
