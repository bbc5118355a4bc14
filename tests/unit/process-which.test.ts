import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { which } from '../../src/engine/process/which.js';

let root: string;
let a: string;
let b: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cc which '));
  a = join(root, 'first dir');
  b = join(root, 'zweiter Ördner');
  mkdirSync(a);
  mkdirSync(b);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function program(dir: string, name: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, mode);
  return path;
}
const pathOf = (...dirs: string[]): string => dirs.join(delimiter);

describe('which', () => {
  it('finds a program in a PATH folder whose name has spaces and non-ASCII', () => {
    const p = program(b, 'agent');
    expect(which('agent', pathOf(a, b))).toBe(p);
  });

  it('takes the first folder that has it, in PATH order', () => {
    program(a, 'tool');
    program(b, 'tool');
    expect(which('tool', pathOf(b, a))).toBe(join(b, 'tool'));
    expect(which('tool', pathOf(a, b))).toBe(join(a, 'tool'));
  });

  it('skips a file that is not executable and keeps looking', () => {
    program(a, 'tool', 0o644);
    const p = program(b, 'tool');
    expect(which('tool', pathOf(a, b))).toBe(p);
    expect(which('tool', pathOf(a))).toBeUndefined();
  });

  it('skips a folder of that name (folders are "executable" too)', () => {
    mkdirSync(join(a, 'tool'));
    const p = program(b, 'tool');
    expect(which('tool', pathOf(a, b))).toBe(p);
  });

  it('follows a symlink to a program but not a dangling one', () => {
    const target = program(b, 'real-agent');
    symlinkSync(target, join(a, 'agent'));
    symlinkSync(join(b, 'gone'), join(a, 'broken'));
    expect(which('agent', pathOf(a))).toBe(join(a, 'agent'));
    expect(which('broken', pathOf(a, b))).toBeUndefined();
  });

  it('checks an absolute path as it is, without PATH', () => {
    const p = program(a, 'abs tool');
    expect(which(p, '')).toBe(p);
    expect(which(join(a, 'missing'), pathOf(a))).toBeUndefined();
    chmodSync(p, 0o600);
    expect(which(p, pathOf(a))).toBeUndefined();
  });

  it('ignores empty PATH entries and an empty PATH', () => {
    const p = program(b, 'tool');
    expect(which('tool', `${delimiter}${delimiter}${b}${delimiter}`)).toBe(p);
    expect(which('tool', '')).toBeUndefined();
  });

  it('is undefined for a name found nowhere', () => {
    expect(which('cc-agent-no-such-program-xyz', pathOf(a, b))).toBeUndefined();
  });

  it('falls back to the process PATH when none is given (finds sh)', () => {
    expect(which('sh')).toMatch(/\/sh$/);
  });
});
