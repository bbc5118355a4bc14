import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathsFor } from '../paths.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * What setup-hooks did to one settings file, kept under $CC_AGENT_HOME/hook-installs (0700,
 * files 0600: a settings file can hold API keys). With it remove-hooks can put back the
 * original bytes when the file is still exactly what we wrote, and otherwise cut out exactly
 * the groups we added.
 */
export interface InstallRecord {
  version: 1;
  /** The settings path as named (a symlink stays its own name). */
  settings: string;
  /** Every relay command line we wrote there: this install's and earlier ones. */
  commands: string[];
  /** Events we appended our group to, and the keys we created (an event, or "hooks"). */
  addedEvents: string[];
  createdKeys: string[];
  /** Directories we created to hold a new file, outermost first. */
  createdDirs: string[];
  /**
   * The file before any of ours: absent, or bytes kept in `<key>.original` with their hash.
   * Null when that is unknown (the file already held our hooks when we first saw it).
   */
  original: { absent: true } | { absent: false; sha256: string } | null;
  /** Hash of the bytes we last wrote: equal to the file's means the user has not touched it. */
  written: string;
}

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export interface RecordFiles {
  dir: string;
  record: string;
  original: string;
}

/** Where the record for `settings` lives (one per settings path). */
export function recordFiles(home: string, settings: string): RecordFiles {
  const dir = pathsFor(home).hookInstalls;
  const key = `settings-${sha256(settings).slice(0, 16)}`;
  return { dir, record: join(dir, `${key}.json`), original: join(dir, `${key}.original`) };
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The record, or null when there is none or it is not one (then we rely on the mark alone). */
export function readRecord(files: RecordFiles, settings: string): InstallRecord | null {
  let r: Partial<InstallRecord>;
  try {
    r = JSON.parse(readFileSync(files.record, 'utf8')) as Partial<InstallRecord>;
  } catch {
    return null;
  }
  const ok =
    r.version === 1 &&
    r.settings === settings &&
    isStrings(r.commands) &&
    isStrings(r.addedEvents) &&
    isStrings(r.createdKeys) &&
    isStrings(r.createdDirs) &&
    typeof r.written === 'string' &&
    (r.original === null || typeof r.original === 'object');
  return ok ? (r as InstallRecord) : null;
}

/** The original's bytes, only if they are still the ones the record names. */
export function readOriginal(files: RecordFiles, record: InstallRecord): Buffer | null {
  if (!record.original || record.original.absent) return null;
  try {
    const bytes = readFileSync(files.original);
    return sha256(bytes) === record.original.sha256 ? bytes : null;
  } catch {
    return null;
  }
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Save the record (and the original's bytes when given) atomically, 0600. */
export function saveRecord(files: RecordFiles, record: InstallRecord, original?: Buffer): void {
  ensureDir(files.dir);
  if (original) writeFileAtomic(files.original, original, 0o600);
  else if (!record.original || record.original.absent) rmSync(files.original, { force: true });
  writeFileAtomic(files.record, JSON.stringify(record, null, 2) + '\n', 0o600);
}

export function dropRecord(files: RecordFiles): void {
  rmSync(files.record, { force: true });
  rmSync(files.original, { force: true });
}

/** Snapshot of both files, to put back if writing the settings file fails afterwards. */
export function snapshotRecord(files: RecordFiles): () => void {
  const read = (f: string): Buffer | null => (existsSync(f) ? readFileSync(f) : null);
  const record = read(files.record);
  const original = read(files.original);
  return () => {
    for (const [f, bytes] of [
      [files.record, record],
      [files.original, original],
    ] as const) {
      if (bytes) writeFileAtomic(f, bytes, 0o600);
      else rmSync(f, { force: true });
    }
  };
}
