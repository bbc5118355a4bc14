import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alive,
  pidFormat,
  readRunFile,
  runningState,
  serveFormat,
} from '../../src/engine/run-file.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-run-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gonePid = spawnSync(process.execPath, ['-e', '']).pid;

describe('run files: what a long-running face leaves while it runs', () => {
  it('pulse.pid: a positive whole pid, written as its own line', () => {
    expect(pidFormat.format({ pid: 42 })).toBe('42\n');
    expect(pidFormat.parse('42\n')).toEqual({ pid: 42 });
    for (const bad of ['', '\n', 'abc', '0', '-5', ' '])
      expect(pidFormat.parse(bad), JSON.stringify(bad)).toBeUndefined();
  });

  it('serve.json: an object with a pid; anything else is no state', () => {
    const s = { pid: 7, url: 'http://127.0.0.1:1/' };
    expect(serveFormat.parse(serveFormat.format(s))).toEqual(s);
    for (const bad of ['', '{', 'null', '[]', '{"url":"x"}', '{"pid":"7"}', '{"pid":1.5}'])
      expect(serveFormat.parse(bad), bad).toBeUndefined();
  });

  it('alive: this process runs; a reaped child does not', () => {
    expect(alive(process.pid)).toBe(true);
    expect(alive(gonePid)).toBe(false);
  });

  it('read: none, running, gone, unreadable — and reading changes nothing', () => {
    const file = join(dir, 'x.pid');
    expect(readRunFile(file, pidFormat)).toBeUndefined();
    writeFileSync(file, `${process.pid}\n`);
    expect(readRunFile(file, pidFormat)).toEqual({
      state: { pid: process.pid },
      running: true,
      text: `${process.pid}\n`,
    });
    expect(runningState(file, pidFormat)).toEqual({ pid: process.pid });
    writeFileSync(file, `${gonePid}\n`);
    expect(readRunFile(file, pidFormat)).toMatchObject({ state: { pid: gonePid }, running: false });
    expect(runningState(file, pidFormat)).toBeUndefined();
    writeFileSync(file, 'garbage');
    expect(readRunFile(file, pidFormat)).toEqual({
      state: undefined,
      running: false,
      text: 'garbage',
    });
    expect(readRunFile(file, pidFormat)?.text).toBe('garbage');
  });
});
