import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HOOK_EVENTS } from '../agents/claude-flags.js';
import { relayScript } from '../context.js';
import { CcAgentError } from '../errors.js';
import { resolveHome } from '../paths.js';
import { asOneLine, removeEmptyDirs, writeFileAtomic } from './atomic-write.js';
import {
  readRecord,
  recordFiles,
  saveRecord,
  sha256,
  snapshotRecord,
  type InstallRecord,
} from './install-record.js';
import { relayCommand, relayGroup } from './relay-mark.js';
import { findOurGroup } from './settings-doc.js';
import { addOurGroup, type AddOutcome } from './settings-edit.js';
import { readSettings, type SettingsFile } from './settings-file.js';
import type { HooksChange, HooksOptions } from './types.js';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/** Directories to create so `dir` exists, outermost first. */
function missingDirs(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) out.unshift(d);
  return out;
}

/** A new file: just our hooks, laid out as Claude Code writes its own. */
const freshFile = (relay: string): string =>
  JSON.stringify(
    { hooks: Object.fromEntries(HOOK_EVENTS.map((e) => [e, [relayGroup(relay, e)]])) },
    null,
    2,
  ) + '\n';

/**
 * The record after this install. The original bytes stay those from before our first write as
 * long as the file is exactly what we last wrote; if the user has edited it since, its current
 * bytes become the original only when they hold none of our hooks (else no byte restore).
 */
function nextRecord(
  file: SettingsFile,
  prev: InstallRecord | null,
  commands: string[],
  step: { added: string[]; created: string[]; dirs: string[]; written: string },
): { record: InstallRecord; originalBytes: Buffer | undefined } {
  const base = { version: 1 as const, settings: file.path, written: step.written };
  if (!file.bytes) {
    const record = { ...base, commands, addedEvents: step.added, createdKeys: step.created };
    return {
      record: { ...record, createdDirs: step.dirs, original: { absent: true } },
      originalBytes: undefined,
    };
  }
  const unchanged = prev !== null && prev.written === sha256(file.bytes);
  const merged = {
    ...base,
    commands: union(prev?.commands ?? [], commands),
    addedEvents: union(prev?.addedEvents ?? [], step.added),
    createdKeys: union(prev?.createdKeys ?? [], step.created),
    createdDirs: unchanged ? (prev?.createdDirs ?? []) : [],
  };
  if (unchanged)
    return { record: { ...merged, original: prev.original }, originalBytes: undefined };
  const hadOurs = findOurGroup(file.text, null, new Set(merged.commands)) !== undefined;
  if (hadOurs) return { record: { ...merged, original: null }, originalBytes: undefined };
  const fresh = {
    ...base,
    commands,
    addedEvents: step.added,
    createdKeys: step.created,
    createdDirs: [],
  };
  return {
    record: { ...fresh, original: { absent: false, sha256: sha256(file.bytes) } },
    originalBytes: file.bytes,
  };
}

/**
 * Add cc-agent's relay group to every event it listens to in a Claude Code settings file, by
 * splicing the text: every byte not ours stays where it was. An event that already has our
 * exact group is left alone; nothing is written when all have it.
 */
export function installHooks(options: HooksOptions): HooksChange {
  const file = readSettings(options.settings);
  const relay = options.relay ?? relayScript;
  const command = relayCommand(relay);
  const hooksValue = file.value['hooks'] as Record<string, unknown> | undefined;
  for (const event of HOOK_EVENTS) {
    const v = hooksValue?.[event];
    if (v !== undefined && !Array.isArray(v)) {
      throw new CcAgentError(
        'refused',
        `${file.path}: "hooks.${event}" is not an array; nothing was changed`,
      );
    }
  }

  const files = recordFiles(resolveHome(options.env), file.path);
  const prev = readRecord(files, file.path);
  const mine = new Set([command]);
  const older = new Set((prev?.commands ?? []).filter((c) => c !== command));
  const seen: Record<AddOutcome, string[]> = { added: [], replaced: [], present: [] };
  const { added, replaced, present } = seen;
  const created: string[] = [];
  let text: string;
  if (file.bytes) {
    text = file.text;
    for (const event of HOOK_EVENTS) {
      const r = addOurGroup(text, relay, event, mine, older);
      text = r.text;
      seen[r.outcome].push(event);
      created.push(...r.created);
    }
  } else {
    text = freshFile(relay);
    added.push(...HOOK_EVENTS);
    created.push('hooks', ...HOOK_EVENTS);
  }
  const result = {
    path: file.path,
    changed: added.length + replaced.length > 0,
    dryRun: Boolean(options.dryRun),
    created: file.bytes === null,
    added,
    replaced,
    present,
    removed: [],
    events: [...added, ...replaced],
    how: null,
    backup: null,
  };
  if (!result.changed) return result;

  const dirs = file.bytes ? [] : missingDirs(dirname(file.target));
  const bytes = Buffer.from(text, 'utf8');
  const next = nextRecord(file, prev, [command], {
    added: [...added, ...replaced],
    created,
    dirs,
    written: sha256(bytes),
  });
  const kept = next.record.original && !next.record.original.absent ? files.original : null;
  if (options.dryRun) return { ...result, backup: kept };

  // The record first: a settings file changed by us is never left without its original kept.
  const undoRecord = snapshotRecord(files);
  try {
    saveRecord(files, next.record, next.originalBytes);
    for (const d of dirs) mkdirSync(d, { mode: 0o700 });
    writeFileAtomic(file.target, bytes, file.mode);
  } catch (e) {
    try {
      undoRecord();
    } catch {
      // A record left behind is harmless: its hash no longer matches, so remove-hooks only cuts.
    }
    removeEmptyDirs(dirs);
    throw asOneLine(e, files.dir);
  }
  return { ...result, backup: kept };
}
