import { statSync } from 'node:fs';
import { oneOf } from '../one-of.js';
import { resolve } from 'node:path';
import { badInput, fieldError, refused } from '../errors.js';
import { EFFORTS, SANDBOXES, type Effort, type Sandbox } from '../store/job-types.js';

/** Model names and aliases: letters, digits and . _ - : [ ] (e.g. claude-sonnet-4-5[1m]). */
const MODEL_RE = /^[A-Za-z0-9][A-Za-z0-9._:[\]-]{0,99}$/;

/**
 * Text meant for an agent (a prompt, a message, a task). A NUL byte cannot cross argv or a
 * tmux paste: it would be dropped or cut the text short without a word, so it is refused.
 */
export function validText(text: string, what: string): string {
  const at = text.indexOf('\0');
  if (at >= 0) throw badInput(`${what} contains a NUL byte (at character ${at}); remove it`);
  return text;
}

export function validSandbox(value: string | undefined): Sandbox {
  return oneOf(SANDBOXES, value ?? 'workspace-write', '--sandbox');
}

export function validEffort(value: string | undefined): Effort | undefined {
  if (value === undefined) return undefined;
  return oneOf(EFFORTS, value, '--reasoning');
}

export function validModel(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!MODEL_RE.test(value)) throw fieldError('model', (name) => `invalid ${name} '${value}'`);
  return value;
}

export function validDir(value: string | undefined, cwd: string): string {
  const dir = resolve(cwd, value ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw refused(`--dir '${value ?? dir}' does not exist`);
  }
  if (!isDir) throw refused(`--dir '${value}' is not a directory`);
  return dir;
}
