import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CcAgentError } from '../errors.js';
import { parseProblem } from '../json-problem.js';

/** Claude Code's user settings: $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json. */
export function claudeSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const configDir = env['CLAUDE_CONFIG_DIR'];
  if (configDir) return join(configDir, 'settings.json');
  return join(env['HOME'] || homedir(), '.claude', 'settings.json');
}

/** A settings file as found: the path named, the file really read and written, its bytes. */
export interface SettingsFile {
  path: string;
  /** Where the bytes live: the path itself, or a symlink's target (written through). */
  target: string;
  /** Null when there is no file (nor a symlink) at `path`. */
  bytes: Buffer | null;
  /** Permission bits to keep on rewrite. */
  mode: number;
  text: string;
  /** JSON.parse of `text` ({} when absent): for validation, never written back. */
  value: Record<string, unknown>;
}

const refuse = (message: string): CcAgentError => new CcAgentError('refused', message);
const codeOf = (e: unknown): string =>
  (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));

/**
 * A symlinked settings file (dotfile managers) is followed and written through, so the link
 * stays a link; a link to nothing is refused rather than replaced by a regular file.
 */
function targetOf(path: string): string | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return null;
    throw refuse(`cannot read ${path} (${codeOf(e)}); nothing was changed`);
  }
  try {
    return realpathSync(path);
  } catch (e) {
    const to = readlinkSync(path);
    throw refuse(
      `${path} is a symbolic link to ${to}, which cannot be read (${codeOf(e)}); ` +
        `nothing was changed`,
    );
  }
}

/** Read and validate a settings file; refuse (changing nothing) anything but a JSON object. */
export function readSettings(path: string): SettingsFile {
  const target = targetOf(path);
  if (target === null) return { path, target: path, bytes: null, mode: 0o600, text: '', value: {} };
  let bytes: Buffer;
  let mode: number;
  try {
    const st = statSync(target);
    // Never open a FIFO or a device: reading one could hang or never end.
    if (!st.isFile()) throw refuse(`${path} is not a regular file; nothing was changed`);
    mode = st.mode & 0o7777;
    bytes = readFileSync(target);
  } catch (e) {
    if (e instanceof CcAgentError) throw e;
    throw refuse(`cannot read ${path} (${codeOf(e)}); nothing was changed`);
  }
  const text = bytes.toString('utf8');
  // Splicing works on text: bytes that are not UTF-8 would not survive the round trip.
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    throw refuse(`${path} is not valid UTF-8; nothing was changed`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw refuse(
      `${path} is not strict JSON (${parseProblem(text, e)}; comments and trailing commas are ` +
        `not allowed); nothing was changed`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refuse(`${path} does not hold a JSON object at the top level; nothing was changed`);
  }
  const v = value as Record<string, unknown>;
  const hooks = v['hooks'];
  if (
    hooks !== undefined &&
    (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks))
  ) {
    throw refuse(`${path}: "hooks" is not an object; nothing was changed`);
  }
  return { path, target, bytes, mode, text, value: v };
}
