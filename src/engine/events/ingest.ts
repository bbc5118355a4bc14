import { readdirSync, unlinkSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { EngineContext } from '../context.js';
import { applyHookEvents } from '../state/apply.js';
import { enrichFromTranscripts, transcriptPaths } from '../state/enrich.js';
import { countEvents, recordFinished } from '../store/history.js';
import { judgeEvent, type JobIdentity } from './authentic.js';
import type { HookEventRecord } from './emitter.js';
import { isRegularEntry, quarantineEntries, readSpoolEntry } from './spool-entry.js';
import { announceConflicts, recordVerdicts, type RelayedVerdicts } from '../leases/record.js';
import { settleEndedJobs } from '../leases/release.js';
import { leaseVerdicts } from '../leases/verdicts.js';
import { groupBy } from '../group-by.js';
import type { FileConflict } from '../store/lease-types.js';

interface SpoolEnvelope {
  v: number;
  job_id: string;
  ts: number;
  /** The job's launch key, when the relay had one (events/authentic.ts). */
  key?: string;
  payload: Record<string, unknown> & { hook_event_name: string };
  /** The relay's file-lease verdicts (a PreToolUse of an edit tool); checked before use. */
  leases?: unknown;
}

export interface IngestResult {
  /** Events stored by this pass, orphans included. */
  ingested: number;
  /** Spool entries this pass moved to quarantine. */
  quarantined: number;
}

/**
 * Move relayed hook events from the spool into SQLite. Each file's name is its unique key, so a
 * crash between the commit and the unlink re-reads the file and inserts nothing twice. An entry
 * that is not a regular file of sane size, or does not parse, is moved to quarantine and
 * counted, never retried, never fatal. An event that does not match its job's session is
 * stored as an orphan and moves nothing (events/authentic.ts).
 */
export function ingestSpool(ctx: EngineContext): IngestResult {
  const dir = ctx.paths.spoolDir;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.name.endsWith('.json'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return { ingested: 0, quarantined: 0 };
  }
  if (entries.length === 0) return { ingested: 0, quarantined: 0 };

  const good: { name: string; env: SpoolEnvelope }[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const env = parseEnvelope(join(dir, name), regular(entry, join(dir, name)));
    if (env === 'gone') continue;
    if (env) good.push({ name, env });
    else bad.push(name);
  }
  const quarantined = quarantineEntries(dir, ctx.paths.quarantineDir, bad);

  const records: HookEventRecord[] = [];
  const touched = new Map<string, 'updated' | 'completed'>();
  // Each job as this batch has seen it: an announced session counts for the events after it.
  const jobs = new Map<string, JobIdentity | undefined>();
  const identity = (id: string): JobIdentity | undefined => {
    if (!jobs.has(id)) jobs.set(id, ctx.jobs.get(id));
    return jobs.get(id);
  };
  let orphans = 0;
  const store = ctx.store;
  const verdicts: RelayedVerdicts[] = [];
  let opened: FileConflict[] = [];
  store.atomically(() => {
    for (const { name, env } of good) {
      const p = env.payload;
      const sessionId = typeof p['session_id'] === 'string' ? p['session_id'] : null;
      const toolName = typeof p['tool_name'] === 'string' ? p['tool_name'] : null;
      const job = identity(env.job_id);
      const verdict = judgeEvent(job, p.hook_event_name, sessionId, env.key);
      const event = {
        jobId: env.job_id,
        ts: env.ts,
        event: p.hook_event_name,
        sessionId,
        toolName,
        payload: p,
      };
      const seq = store.hookEvents.insert({ ...event, spoolName: name, orphan: verdict.orphan });
      if (seq === undefined) continue; // already ingested before a crash
      if (verdict.orphan) {
        orphans++;
        continue;
      }
      if (job && verdict.announces) jobs.set(env.job_id, { ...job, session_id: verdict.announces });
      records.push({ seq, ...event });
      if (env.leases !== undefined) {
        verdicts.push({ jobId: env.job_id, ts: env.ts, verdicts: leaseVerdicts(env.leases) });
      }
    }
    for (const [jobId, recs] of groupBy(records, (r) => r.jobId)) {
      const applied = applyHookEvents(ctx, jobId, recs);
      if (applied) touched.set(jobId, applied);
    }
    if (verdicts.length > 0) opened = recordVerdicts(ctx, verdicts);
    if (records.length > 0) countEvents(ctx, records.length);
    store.hookEvents.addToCounter('orphan_events', orphans);
    store.hookEvents.addToCounter('spool_quarantined', quarantined);
    // IMMEDIATE: the batch reads jobs before its first write, and a WAL read snapshot that
    // another ingester outdated cannot be upgraded to a write (SQLITE_BUSY, no retry).
    // Its hook_event announcements go out as it commits (the repository makes them).
  }, 'immediate');

  for (const { name } of good) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already (another ingester), or swapped for something unlinkable: next pass decides.
    }
  }
  enrichFromTranscripts(ctx, transcriptPaths(records));
  let ended = false;
  for (const [id, how] of touched) {
    const job = ctx.saved(id, 'job_updated');
    if (how === 'completed') {
      ended = true;
      recordFinished(ctx, id);
      ctx.events.emit('job_completed', job);
    }
  }
  announceConflicts(ctx, opened);
  if (ended) settleEndedJobs(ctx);
  return { ingested: records.length + orphans, quarantined };
}

/**
 * Is the entry a regular file, judged without opening it: its type as readdir gave it (the
 * directory's d_type), or an lstat when the file system did not say. A directory, FIFO, socket,
 * device or link is never opened at all.
 */
function regular(entry: Dirent, file: string): boolean | 'gone' {
  if (entry.isFile()) return true;
  const known =
    entry.isDirectory() ||
    entry.isSymbolicLink() ||
    entry.isFIFO() ||
    entry.isSocket() ||
    entry.isBlockDevice() ||
    entry.isCharacterDevice();
  return known ? false : isRegularEntry(file);
}

function parseEnvelope(
  file: string,
  isRegular: boolean | 'gone',
): SpoolEnvelope | 'gone' | undefined {
  if (isRegular === 'gone') return 'gone';
  if (!isRegular) return undefined;
  const read = readSpoolEntry(file);
  if (read.kind === 'gone') return 'gone';
  if (read.kind === 'refused') return undefined;
  try {
    const v = JSON.parse(read.text) as Partial<SpoolEnvelope>;
    if (typeof v.job_id !== 'string' || typeof v.ts !== 'number') return undefined;
    if (v.key !== undefined && typeof v.key !== 'string') return undefined;
    const p = v.payload;
    if (!p || typeof p !== 'object' || typeof p.hook_event_name !== 'string') return undefined;
    return v as SpoolEnvelope;
  } catch {
    return undefined;
  }
}
