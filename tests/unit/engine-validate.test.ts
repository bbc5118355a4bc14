import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/engine/jobs/remove.js';
import { validDir, validEffort, validModel, validSandbox } from '../../src/engine/jobs/validate.js';

const badInput = (message: string): unknown =>
  expect.objectContaining({ code: 'bad_input', message });
const refused = (message: string): unknown => expect.objectContaining({ code: 'refused', message });

describe('validSandbox', () => {
  it('defaults to workspace-write and accepts the three modes', () => {
    expect(validSandbox(undefined)).toBe('workspace-write');
    expect(validSandbox('read-only')).toBe('read-only');
    expect(validSandbox('workspace-write')).toBe('workspace-write');
    expect(validSandbox('danger-full-access')).toBe('danger-full-access');
  });

  it('rejects anything else, listing the choices', () => {
    expect(() => validSandbox('readonly')).toThrow(
      badInput(
        "invalid --sandbox 'readonly' (expected one of: read-only, workspace-write, danger-full-access)",
      ),
    );
    expect(() => validSandbox('')).toThrow(expect.objectContaining({ code: 'bad_input' }));
  });
});

describe('validEffort', () => {
  it('keeps undefined (the backend picks its default) and the five levels', () => {
    expect(validEffort(undefined)).toBeUndefined();
    for (const e of ['low', 'medium', 'high', 'xhigh', 'max']) expect(validEffort(e)).toBe(e);
  });

  it('rejects other words, case-sensitively', () => {
    expect(() => validEffort('HIGH')).toThrow(
      badInput("invalid --reasoning 'HIGH' (expected one of: low, medium, high, xhigh, max)"),
    );
    expect(() => validEffort('extreme')).toThrow(expect.objectContaining({ code: 'bad_input' }));
  });
});

describe('validModel', () => {
  it('accepts aliases and full names with the [1m] suffix', () => {
    for (const m of ['opus', 'sonnet', 'claude-sonnet-4-5[1m]', 'gpt-5.1-codex', 'a:b_c']) {
      expect(validModel(m)).toBe(m);
    }
    expect(validModel(undefined)).toBeUndefined();
    expect(validModel('m'.repeat(100))).toBe('m'.repeat(100));
  });

  it('rejects spaces, shell characters, a leading dash and names over 100 chars', () => {
    for (const m of ['', 'opus 4', '-opus', 'opus;rm', '$(x)', 'a/b', 'm'.repeat(101)]) {
      expect(() => validModel(m)).toThrow(badInput(`invalid --model '${m}'`));
    }
  });
});

describe('validDir', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'cc-agent-validate-'));
    mkdirSync(join(base, 'sub dir'));
    writeFileSync(join(base, 'file.txt'), 'x');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('resolves relative to cwd; no value means cwd itself', () => {
    expect(validDir('sub dir', base)).toBe(join(base, 'sub dir'));
    expect(validDir(undefined, join(base, 'sub dir'))).toBe(join(base, 'sub dir'));
    expect(validDir(join(base, 'sub dir', '..'), '/')).toBe(base);
  });

  it('a missing path or a file is refused (not a usage error), naming what the user typed', () => {
    expect(() => validDir('nope', base)).toThrow(refused("--dir 'nope' does not exist"));
    expect(() => validDir('file.txt', base)).toThrow(
      refused("--dir 'file.txt' is not a directory"),
    );
  });
});

describe('parseDuration', () => {
  it('parses s, m, h, d, w (with decimals and blanks around)', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration(' 3 d ')).toBe(259_200_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('rejects no unit, unknown units, negatives and empty text', () => {
    for (const t of ['7', 'd', '7x', '7D', '-1d', '', '1d2h', '1e3s']) {
      expect(() => parseDuration(t)).toThrow(
        badInput(`invalid duration '${t}' (use e.g. 30m, 12h, 7d, 2w)`),
      );
    }
  });
});
