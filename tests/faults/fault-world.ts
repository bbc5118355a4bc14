import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliResult, Harness } from '../helpers/cli-harness.js';

/** Root can mount a small or read-only tmpfs; chmod alone does not stop root. CI runs as root. */
export const isRoot = process.getuid?.() === 0;

export function mount(...args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

/** Unmount if mounted: cleanup must never leave a mount behind, even after a failure. */
export function unmount(dir: string): void {
  const mounted = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[1] === dir);
  if (mounted) execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
}

/**
 * A fault is reported as one line naming what is wrong and what to do, with a non-zero exit
 * that is not 70 (an internal error).
 */
export function expectOneLine(r: CliResult, ...mentions: (string | RegExp)[]): string {
  const line = r.stderr.trimEnd();
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.code, r.stderr).not.toBe(70);
  expect(line.split('\n'), r.stderr).toHaveLength(1);
  expect(line).toMatch(/^cc-agent: /);
  expect(line).not.toMatch(/internal error/);
  for (const m of mentions) expect(line).toMatch(m);
  return line;
}

/** The prompts of the tasks the store holds. */
export async function taskPrompts(h: Harness): Promise<string[]> {
  const tasks = JSON.parse(await h.ok(['queue', 'list', '--json'])) as { prompt: string }[];
  return tasks.map((t) => t.prompt).sort();
}

/** Temp files an atomic write would leave behind, anywhere under `dir`. */
export function strayTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) =>
    /\.tmp(-|$)/.test(n),
  );
}

/** Gone: exited (a zombie not yet reaped by init counts as gone) or never there. */
export function gone(pid: number): boolean {
  try {
    return readFileSync(join('/proc', String(pid), 'stat'), 'utf8').split(' ')[2] === 'Z';
  } catch {
    return true;
  }
}
