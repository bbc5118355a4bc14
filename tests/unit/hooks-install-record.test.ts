import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dropRecord,
  readOriginal,
  readRecord,
  recordFiles,
  saveRecord,
  sha256,
  snapshotRecord,
  type InstallRecord,
  type RecordFiles,
} from '../../src/engine/hooks/install-record.js';

let home: string;
let files: RecordFiles;
const SETTINGS = '/home/dev/my settings/.claude/settings.json';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc install record '));
  files = recordFiles(home, SETTINGS);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const ORIGINAL = Buffer.from('{\n  "model": "opus", "note": "héllo"\n}\n');
const record = (over: Partial<InstallRecord> = {}): InstallRecord => ({
  version: 1,
  settings: SETTINGS,
  commands: ["'/opt/cc agent/hooks/relay-event.sh' --global"],
  addedEvents: ['Stop', 'SessionStart'],
  createdKeys: ['hooks'],
  createdDirs: [],
  original: { absent: false, sha256: sha256(ORIGINAL) },
  written: sha256('written'),
  ...over,
});
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('recordFiles and sha256', () => {
  it('hashes like sha256sum', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256(Buffer.from('abc'))).toBe(sha256('abc'));
  });

  it('names one record per settings path, under hook-installs', () => {
    const key = `settings-${sha256(SETTINGS).slice(0, 16)}`;
    expect(files).toEqual({
      dir: join(home, 'hook-installs'),
      record: join(home, 'hook-installs', `${key}.json`),
      original: join(home, 'hook-installs', `${key}.original`),
    });
    expect(recordFiles(home, SETTINGS)).toEqual(files);
    expect(recordFiles(home, `${SETTINGS}.other`).record).not.toBe(files.record);
  });
});

describe('saveRecord / readRecord', () => {
  it('saves the record and the original bytes privately (0700 folder, 0600 files)', () => {
    saveRecord(files, record(), ORIGINAL);
    expect(mode(files.dir)).toBe(0o700);
    expect(mode(files.record)).toBe(0o600);
    expect(mode(files.original)).toBe(0o600);
    expect(readFileSync(files.original)).toEqual(ORIGINAL);
    expect(readRecord(files, SETTINGS)).toEqual(record());
    expect(readFileSync(files.record, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('tightens a folder that already existed with looser permissions', () => {
    mkdirSync(files.dir, { mode: 0o755 });
    saveRecord(files, record(), ORIGINAL);
    expect(mode(files.dir)).toBe(0o700);
  });

  it('removes a stale original when the file had none (absent) or it is unknown', () => {
    saveRecord(files, record(), ORIGINAL);
    saveRecord(files, record({ original: { absent: true } }));
    expect(existsSync(files.original)).toBe(false);
    saveRecord(files, record(), ORIGINAL);
    saveRecord(files, record({ original: null }));
    expect(existsSync(files.original)).toBe(false);
  });

  it('keeps the original when saving again without new bytes', () => {
    saveRecord(files, record(), ORIGINAL);
    saveRecord(files, record({ written: sha256('again') }));
    expect(readFileSync(files.original)).toEqual(ORIGINAL);
  });

  it('is null when there is no record, it is not JSON, or it is for another file', () => {
    expect(readRecord(files, SETTINGS)).toBeNull();
    mkdirSync(files.dir, { recursive: true });
    writeFileSync(files.record, '{"version":1,');
    expect(readRecord(files, SETTINGS)).toBeNull();
    saveRecord(files, record());
    expect(readRecord(files, '/elsewhere/settings.json')).toBeNull();
  });

  it('is null for a record of the wrong shape', () => {
    const bad: Record<string, unknown>[] = [
      { version: 2 },
      { commands: 'one' },
      { commands: [1] },
      { addedEvents: null },
      { createdKeys: undefined },
      { createdDirs: [{}] },
      { written: 5 },
      { original: 'absent' },
    ];
    mkdirSync(files.dir, { recursive: true });
    for (const over of bad) {
      writeFileSync(files.record, JSON.stringify({ ...record(), ...over }));
      expect(readRecord(files, SETTINGS), JSON.stringify(over)).toBeNull();
    }
  });
});

describe('readOriginal', () => {
  it('gives the bytes only while they still hash to what the record says', () => {
    saveRecord(files, record(), ORIGINAL);
    expect(readOriginal(files, record())).toEqual(ORIGINAL);
    writeFileSync(files.original, Buffer.concat([ORIGINAL, Buffer.from(' ')]));
    expect(readOriginal(files, record())).toBeNull();
  });

  it('is null for an absent or unknown original, or a missing file', () => {
    expect(readOriginal(files, record({ original: { absent: true } }))).toBeNull();
    expect(readOriginal(files, record({ original: null }))).toBeNull();
    expect(readOriginal(files, record())).toBeNull();
  });
});

describe('dropRecord and snapshotRecord', () => {
  it('dropRecord removes both files and tolerates them missing', () => {
    saveRecord(files, record(), ORIGINAL);
    dropRecord(files);
    expect(existsSync(files.record)).toBe(false);
    expect(existsSync(files.original)).toBe(false);
    expect(() => dropRecord(files)).not.toThrow();
  });

  it('a snapshot puts back exactly the bytes both files had', () => {
    saveRecord(files, record(), ORIGINAL);
    const before = readFileSync(files.record);
    const restore = snapshotRecord(files);
    saveRecord(files, record({ commands: ['other'], original: { absent: true } }));
    expect(existsSync(files.original)).toBe(false);
    restore();
    expect(readFileSync(files.record)).toEqual(before);
    expect(readFileSync(files.original)).toEqual(ORIGINAL);
    expect(mode(files.original)).toBe(0o600);
  });

  it('a snapshot taken with no record removes what was written since', () => {
    const restore = snapshotRecord(files);
    saveRecord(files, record(), ORIGINAL);
    restore();
    expect(existsSync(files.record)).toBe(false);
    expect(existsSync(files.original)).toBe(false);
  });
});
