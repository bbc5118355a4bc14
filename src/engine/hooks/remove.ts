import { rmSync } from 'node:fs';
import { HOOK_EVENTS } from '../agents/claude-flags.js';
import { relayScript } from '../context.js';
import { resolveHome } from '../paths.js';
import { asOneLine, removeEmptyDirs, writeFileAtomic } from './atomic-write.js';
import {
  dropRecord,
  readOriginal,
  readRecord,
  recordFiles,
  sha256,
  type InstallRecord,
} from './install-record.js';
import { removeEntry } from './json-splice.js';
import { relayCommand } from './relay-mark.js';
import { emptiedEvent, emptiedHooks, findOurGroup } from './settings-doc.js';
import { readSettings } from './settings-file.js';
import type { HooksChange, HooksOptions, RemoveHow } from './types.js';

/**
 * Our groups cut out of `text`, one at a time: this install's command and any an earlier
 * setup recorded, on the events we listen to or recorded adding to. A key left empty goes
 * only if we created it (or, with no record, if we emptied it: nothing else can know).
 */
function cutOurs(
  text: string,
  command: string,
  prev: InstallRecord | null,
): { text: string; removed: string[] } {
  const commands = new Set([command, ...(prev?.commands ?? [])]);
  const events = new Set<string>([...HOOK_EVENTS, ...(prev?.addedEvents ?? [])]);
  const removed = new Set<string>();
  for (let at = findOurGroup(text, events, commands); at;) {
    text = removeEntry(text, at.groups, at.index);
    removed.add(at.event);
    at = findOurGroup(text, events, commands);
  }
  const mayDrop = (key: string): boolean => !prev || prev.createdKeys.includes(key);
  for (const event of removed) {
    if (!mayDrop(event)) continue;
    for (let e = emptiedEvent(text, event); e; e = emptiedEvent(text, event)) {
      text = removeEntry(text, e.hooks, e.index);
    }
  }
  if (removed.size > 0 && mayDrop('hooks')) {
    const h = emptiedHooks(text);
    if (h) text = removeEntry(text, h.root, h.index);
  }
  return { text, removed: [...removed] };
}

/**
 * Undo setup-hooks. A file still exactly as we last wrote it gets its original back byte for
 * byte (or is deleted again if we created it); any other file loses exactly our groups and
 * keeps every other byte. Never touches a group, event or key we did not add.
 */
export function removeHooks(options: HooksOptions): HooksChange {
  const file = readSettings(options.settings);
  const command = relayCommand(options.relay ?? relayScript);
  const files = recordFiles(resolveHome(options.env), file.path);
  const prev = readRecord(files, file.path);
  const dryRun = Boolean(options.dryRun);
  const result = (how: RemoveHow | null, removed: string[]): HooksChange => ({
    path: file.path,
    changed: how !== null,
    dryRun,
    created: false,
    added: [],
    present: [],
    removed,
    events: removed,
    how,
    backup: null,
  });
  if (!file.bytes) {
    if (prev && !dryRun) dropRecord(files);
    return result(null, []);
  }

  const cut = cutOurs(file.text, command, prev);
  const untouched = prev !== null && prev.written === sha256(file.bytes);
  const original = untouched && prev ? readOriginal(files, prev) : null;
  const how: RemoveHow | null =
    untouched && prev?.original?.absent
      ? 'deleted'
      : original
        ? 'restored'
        : cut.removed.length > 0
          ? 'edited'
          : null;
  if (dryRun) return result(how, cut.removed);
  try {
    if (how === 'deleted') {
      rmSync(file.path);
      removeEmptyDirs(prev?.createdDirs ?? []);
    } else if (how === 'restored' && original) {
      writeFileAtomic(file.target, original, file.mode);
    } else if (how === 'edited') {
      writeFileAtomic(file.target, cut.text, file.mode);
    }
  } catch (e) {
    throw asOneLine(e, file.path);
  }
  // Installed no more (or the record was stale): nothing left to restore.
  if (prev) dropRecord(files);
  return result(how, cut.removed);
}
