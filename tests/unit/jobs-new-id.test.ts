import { describe, expect, it } from 'vitest';
import { isPrimaryKeyClash, newJobId, sessionName } from '../../src/engine/jobs/new-id.js';
import type { JobsRepo } from '../../src/engine/store/jobs-repo.js';

/** A jobs repository where the first `taken` ids asked about already exist. */
function repoTaking(taken: number): { jobs: JobsRepo; asked: string[] } {
  const asked: string[] = [];
  const jobs = {
    get(id: string) {
      asked.push(id);
      return asked.length <= taken ? { id } : undefined;
    },
  } as unknown as JobsRepo;
  return { jobs, asked };
}

describe('newJobId', () => {
  it('is 8 lowercase hex digits, and never the orchestrator id', () => {
    for (let i = 0; i < 200; i++) {
      const id = newJobId(repoTaking(0).jobs);
      expect(id).toMatch(/^[0-9a-f]{8}$/);
      expect(id).not.toBe('orch');
    }
  });

  it('draws again while the id is taken, and returns the first free one', () => {
    const { jobs, asked } = repoTaking(3);
    const id = newJobId(jobs);
    expect(asked).toHaveLength(4);
    expect(id).toBe(asked[3]);
  });

  it('spreads over the id space (200 draws, no repeats)', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newJobId(repoTaking(0).jobs)));
    expect(ids.size).toBe(200);
  });
});

describe('isPrimaryKeyClash', () => {
  it('is true only for SQLite primary-key constraint errors', () => {
    expect(
      isPrimaryKeyClash(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })),
    ).toBe(true);
    expect(
      isPrimaryKeyClash(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
    ).toBe(false);
    expect(isPrimaryKeyClash(new Error('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(false);
    expect(isPrimaryKeyClash({})).toBe(false);
  });
});

describe('sessionName', () => {
  it('prefixes the id with cc-agent-', () => {
    expect(sessionName('0a1b2c3d')).toBe('cc-agent-0a1b2c3d');
    expect(sessionName('orch')).toBe('cc-agent-orch');
  });
});
