import { rmSync } from 'node:fs';
import { relayScript } from '../context.js';
import { resolveHome } from '../paths.js';
import { asOneLine, removeEmptyDirs, writeFileAtomic } from './atomic-write.js';
import { dropRecord, readOriginal, readRecord, recordFiles, sha256 } from './install-record.js';
import { relayCommand } from './relay-mark.js';
import { cutOurGroups } from './settings-edit.js';
import { readSettings } from './settings-file.js';
import type { HooksChange, HooksOptions, RemoveHow } from './types.js';

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
    replaced: [],
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

  const cut = cutOurGroups(file.text, command, prev);
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
