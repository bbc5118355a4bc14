import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logReader, sizeOf } from '../../src/engine/jobs/log-reader.js';

let dir: string;
let log: string;
let got: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc log reader '));
  log = join(dir, 'pane log.txt');
  got = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const reader = (offset = 0) => logReader(log, offset, (t) => got.push(t));

describe('logReader', () => {
  it('hands over only what was written since the last read', () => {
    writeFileSync(log, 'first\n');
    const r = reader();
    r.read();
    appendFileSync(log, 'second\n');
    r.read();
    r.read();
    expect(got).toEqual(['first\n', 'second\n']);
  });

  it('starts at the offset given (a view attached to a running log)', () => {
    writeFileSync(log, 'old stuff|new stuff');
    const r = reader(10);
    r.read();
    expect(got).toEqual(['new stuff']);
  });

  it('does nothing while the file is not there, then reads it from 0', () => {
    const r = reader();
    r.read();
    expect(got).toEqual([]);
    writeFileSync(log, 'late');
    r.read();
    expect(got).toEqual(['late']);
  });

  it('never splits a multi-byte character written in pieces', () => {
    const bytes = Buffer.from('é世😀', 'utf8'); // 2 + 3 + 4 bytes
    writeFileSync(log, '');
    const r = reader();
    for (let i = 0; i < bytes.length; i++) {
      appendFileSync(log, bytes.subarray(i, i + 1));
      r.read();
    }
    expect(got).toEqual(['é', '世', '😀']);
  });

  it('end() gives the bytes of a character that never completed', () => {
    writeFileSync(log, Buffer.from([0x61, 0xe4, 0xb8]));
    const r = reader();
    r.read();
    expect(got).toEqual(['a']);
    r.end();
    expect(got).toEqual(['a', '\ufffd']);
  });

  it('end() adds nothing when every character was complete', () => {
    writeFileSync(log, 'done');
    const r = reader();
    r.read();
    r.end();
    expect(got).toEqual(['done']);
  });

  it('reads a file that shrank (cleaned) again from its start', () => {
    writeFileSync(log, 'a long first version\n');
    const r = reader();
    r.read();
    truncateSync(log, 0);
    appendFileSync(log, 'new\n');
    r.read();
    expect(got).toEqual(['a long first version\n', 'new\n']);
  });

  it('reads a file larger than its 1 MiB chunk completely, in order', () => {
    const big = 'x'.repeat(1024 * 1024) + 'y'.repeat(300_000) + 'ü';
    writeFileSync(log, big);
    const r = reader();
    r.read();
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.join('')).toBe(big);
  });
});

describe('sizeOf', () => {
  it('is the byte size, or 0 for a missing file', () => {
    writeFileSync(log, 'ü!');
    expect(sizeOf(log)).toBe(3);
    expect(sizeOf(join(dir, 'missing'))).toBe(0);
  });
});
