import { constants, copyFileSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { HOOK_EVENTS, relayHooks } from './agents/claude-flags.js';
import { relayScript } from './context.js';
import { CcAgentError } from './errors.js';
import { writeAtomic } from './store/job-files.js';

/** The relay shipped with this install, and the events `setup-hooks` points it at. */
export { relayScript as defaultRelayScript, HOOK_EVENTS as RELAY_EVENTS };

/** A hook is cc-agent's when its command runs a file with this name (any path, any quoting). */
export const RELAY_FILE_NAME = basename(relayScript);

/** Claude Code's user settings: $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json. */
export function claudeSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const configDir = env['CLAUDE_CONFIG_DIR'];
  if (configDir) return join(configDir, 'settings.json');
  return join(env['HOME'] || homedir(), '.claude', 'settings.json');
}

export interface HooksChangeOptions {
  /** Work out the change and report it; write nothing (no backup either). */
  dryRun?: boolean;
  /** Clock for the backup's name (tests). */
  now?: () => Date;
}

/** What `installHooks` / `removeHooks` did (or, with dryRun, would do) to one settings file. */
export interface HooksChange {
  path: string;
  /** The file's content changed (or would, with dryRun). */
  changed: boolean;
  /** Copy of the original taken before writing (dryRun: its would-be name); null if none. */
  backup: string | null;
  /** Events whose cc-agent hook was added, replaced or removed. */
  events: string[];
  added: string[];
  replaced: string[];
  removed: string[];
  /** The file did not exist and was (or would be) created: install only. */
  created: boolean;
  dryRun: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isOurs = (hook: unknown): boolean =>
  isObject(hook) &&
  typeof hook['command'] === 'string' &&
  hook['command'].includes(RELAY_FILE_NAME);

/** True when a matcher group is `{ hooks: [...] }`-shaped; anything else is left alone. */
const hookList = (group: unknown): unknown[] | undefined =>
  isObject(group) && Array.isArray(group['hooks']) ? group['hooks'] : undefined;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const serialize = (settings: Json): string => JSON.stringify(settings, null, 2) + '\n';

/**
 * JSON.parse's message on one line, with a line and column instead of an offset, and without
 * the source excerpt newer engines quote (it spans lines).
 */
function parseProblem(text: string, e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  msg = msg.replace(/, ".*" is not valid JSON$/s, '');
  const at = /at position (\d+)/.exec(msg);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    msg = msg.replace(/ in JSON at position \d+.*$/s, '') + ` at line ${line}, column ${column}`;
  }
  return msg.replace(/\s+/g, ' ').trim();
}

interface Loaded {
  /** The file's bytes, or null when it does not exist. */
  original: Buffer | null;
  settings: Json;
  hooks: Json | undefined;
}

/** Read and validate the settings file; refuse (changing nothing) anything not strict JSON. */
function load(file: string): Loaded {
  let original: Buffer;
  try {
    original = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { original: null, settings: {}, hooks: undefined };
    }
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CcAgentError('bad_input', `cannot read ${file} (${code}); nothing was changed`);
  }
  const text = original.toString('utf8');
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (e) {
    throw new CcAgentError(
      'bad_input',
      `${file} is not strict JSON (${parseProblem(text, e)}; comments and trailing commas are ` +
        `not allowed); nothing was changed`,
    );
  }
  if (!isObject(settings)) {
    throw new CcAgentError(
      'bad_input',
      `${file} does not hold a JSON object at the top level; nothing was changed`,
    );
  }
  const hooks = settings['hooks'];
  if (hooks !== undefined && !isObject(hooks)) {
    throw new CcAgentError('bad_input', `${file}: "hooks" is not an object; nothing was changed`);
  }
  return { original, settings, hooks };
}

/** `settings.json.cc-agent-backup-20250101T120000` in local time; never over an earlier one. */
function backupName(file: string, now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}` +
    `T${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const base = `${file}.cc-agent-backup-${stamp}`;
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

/** Remove our hooks from one event's groups; drops groups our removal left empty. */
function stripOurs(groups: unknown[]): { groups: unknown[]; found: boolean } {
  let found = false;
  const out: unknown[] = [];
  for (const group of groups) {
    const list = hookList(group);
    if (!list || !list.some(isOurs)) {
      out.push(group);
      continue;
    }
    found = true;
    const kept = list.filter((h) => !isOurs(h));
    if (kept.length > 0) out.push({ ...(group as Json), hooks: kept });
  }
  return { groups: out, found };
}

/**
 * Write the new settings: backup of the original first (when there was one), then an atomic
 * replace. A symlinked settings file (dotfile managers) is written through, not replaced.
 */
function commit(
  file: string,
  loaded: Loaded,
  next: Json,
  options: HooksChangeOptions,
): { backup: string | null } {
  const backup = loaded.original ? backupName(file, options.now?.() ?? new Date()) : null;
  if (options.dryRun) return { backup };
  let target = file;
  let mode: number | undefined;
  if (loaded.original) {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o777;
  }
  if (backup) copyFileSync(file, backup, constants.COPYFILE_EXCL);
  writeAtomic(target, serialize(next), mode);
  return { backup };
}

/**
 * Merge cc-agent's relay hooks (exactly `relayHooks(relayScript)`) into a Claude Code settings
 * file. Every other key, event, group and hook stays as it was, in order. An event that already
 * has one of our hooks (any path) gets it replaced in place; otherwise our group is appended.
 * Our hooks on events cc-agent no longer listens to are removed. Nothing changes (no write, no
 * backup) when the result equals what is there.
 */
export function installHooks(
  file: string,
  relay: string = relayScript,
  options: HooksChangeOptions = {},
): HooksChange {
  const loaded = load(file);
  const wanted = relayHooks(relay, 'global');
  const hooks: Json = { ...(loaded.hooks ?? {}) };
  const added: string[] = [];
  const replaced: string[] = [];
  const removed: string[] = [];

  for (const event of HOOK_EVENTS) {
    const ourGroup = (wanted[event] as Json[])[0] as Json;
    const ourHook = (ourGroup['hooks'] as unknown[])[0];
    const current = hooks[event];
    if (current === undefined) {
      hooks[event] = [ourGroup];
      added.push(event);
      continue;
    }
    if (!Array.isArray(current)) {
      throw new CcAgentError(
        'bad_input',
        `${file}: "hooks.${event}" is not an array; nothing was changed`,
      );
    }
    // Replace the first of ours in place; any further copies of ours go.
    let placed = false;
    let changed = false;
    const groups: unknown[] = [];
    for (const group of current) {
      const list = hookList(group);
      if (!list || !list.some(isOurs)) {
        groups.push(group);
        continue;
      }
      const kept: unknown[] = [];
      for (const h of list) {
        if (!isOurs(h)) kept.push(h);
        else if (!placed) {
          placed = true;
          if (!sameJson(h, ourHook)) changed = true;
          kept.push(ourHook);
        } else changed = true;
      }
      if (kept.length > 0) groups.push({ ...(group as Json), hooks: kept });
    }
    if (!placed) {
      groups.push(ourGroup);
      added.push(event);
    } else if (changed) replaced.push(event);
    hooks[event] = groups;
  }

  const listened = new Set<string>(HOOK_EVENTS);
  for (const [event, groups] of Object.entries(hooks)) {
    if (listened.has(event) || !Array.isArray(groups)) continue;
    const r = stripOurs(groups);
    if (!r.found) continue;
    removed.push(event);
    if (r.groups.length > 0) hooks[event] = r.groups;
    else delete hooks[event];
  }

  const next: Json = { ...loaded.settings, hooks };
  return finish(file, loaded, next, { added, replaced, removed }, options);
}

/**
 * Remove cc-agent's relay hooks (any path) from a Claude Code settings file, and with them the
 * groups, events and `hooks` key that only held ours. Everything else stays as it was.
 */
export function removeHooks(file: string, options: HooksChangeOptions = {}): HooksChange {
  const loaded = load(file);
  const removed: string[] = [];
  const hooks: Json = { ...(loaded.hooks ?? {}) };
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    const r = stripOurs(groups);
    if (!r.found) continue;
    removed.push(event);
    if (r.groups.length > 0) hooks[event] = r.groups;
    else delete hooks[event];
  }
  const next: Json = { ...loaded.settings };
  if (removed.length > 0) {
    if (Object.keys(hooks).length > 0) next['hooks'] = hooks;
    else delete next['hooks'];
  }
  return finish(file, loaded, next, { added: [], replaced: [], removed }, options);
}

function finish(
  file: string,
  loaded: Loaded,
  next: Json,
  what: { added: string[]; replaced: string[]; removed: string[] },
  options: HooksChangeOptions,
): HooksChange {
  // Compared as values, not bytes: an unchanged file keeps the user's own formatting. A missing
  // file changes only if there is something to write (install), never for remove.
  const events = [...what.added, ...what.replaced, ...what.removed];
  const changed = loaded.original === null ? events.length > 0 : !sameJson(loaded.settings, next);
  const backup = changed ? commit(file, loaded, next, options).backup : null;
  return {
    path: file,
    changed,
    backup,
    events,
    ...what,
    created: changed && loaded.original === null,
    dryRun: Boolean(options.dryRun),
  };
}
