import { useEffect, useRef, useState } from 'react';
import { timelineLine } from '../../view/timeline.js';
import { CHANGES, type WorldPart } from '../../view/snapshot.js';
import { addNotes, noteOf, type Note, type NoteEvent } from '../../view/notes.js';
import { ticksBySecond } from '../rows.js';
import type {
  ActivityEntry,
  Approval,
  DailyBudget,
  HostSummary,
  Engine,
  FileConflict,
  HookEventRecord,
  MergeForecast,
  Job,
  Mode,
  OrchestratorStatus,
  Task,
  Trigger,
} from '../../engine/index.js';

/** A timeline entry as the TUI keeps it: its line, not its payload (a Write carries a file). */
export interface TimelineEntry {
  seq: number;
  jobId: string;
  ts: number;
  line: string;
}

const slim = (e: HookEventRecord): TimelineEntry => ({
  seq: e.seq,
  jobId: e.jobId,
  ts: e.ts,
  line: timelineLine(e),
});

export type { Note } from '../../view/notes.js';

/** Everything the panels show, rebuilt from the engine; never edited by the TUI itself. */
export interface TuiData {
  jobs: Job[];
  tasks: Task[];
  triggers: Trigger[];
  approvals: Approval[];
  activity: ActivityEntry[];
  modes: Mode[];
  timeline: TimelineEntry[];
  notes: Note[];
  orchestrator: OrchestratorStatus;
  /** Open file conflicts between live agents (rows are marked; the Conflicts panel lists them). */
  conflicts: FileConflict[];
  /** Merge conflicts the live engine predicts between worktree agents' branches. */
  predicted: MergeForecast[];
  /** Today's spend against budget.daily_usd (the header's figure and banner). */
  budget: DailyBudget;
  /** The hosts sharing a PostgreSQL store (HOST column, header line); empty for one host. */
  hosts: HostSummary[];
  /** Wall clock of the last update (elapsed timers count from it). */
  now: number;
}

/** What a flush reloads: the shared world's parts (src/view/snapshot.ts), and the timeline. */
type Part = WorldPart | 'timeline';
const ALL: readonly Part[] = ['jobs', 'tasks', 'triggers', 'orchestrator', 'conflicts', 'timeline'];
const TIMELINE_KEEP = 2000;
const TIMELINE_LOAD = 500;
/** Updates reach React at most this often (~30 frames/s). */
export const BATCH_MS = 33;

function load(engine: Engine, parts: ReadonlySet<Part>, prev: TuiData | undefined): TuiData {
  const triggersToo = parts.has('triggers') || !prev;
  return {
    jobs: parts.has('jobs') || !prev ? engine.jobsNow() : prev.jobs,
    tasks: parts.has('tasks') || !prev ? engine.queue.list() : prev.tasks,
    triggers: triggersToo ? engine.triggers.list() : prev.triggers,
    approvals: triggersToo ? engine.triggers.approvals() : prev.approvals,
    activity: triggersToo ? engine.triggers.activity(100) : prev.activity,
    modes: triggersToo ? engine.triggers.modes() : prev.modes,
    timeline:
      parts.has('timeline') || !prev
        ? engine.timeline({ limit: TIMELINE_LOAD }).map(slim)
        : prev.timeline,
    notes: prev?.notes ?? [],
    orchestrator:
      parts.has('orchestrator') || !prev ? engine.orchestrator.peek() : prev.orchestrator,
    conflicts: parts.has('conflicts') || !prev ? engine.conflicts.open() : prev.conflicts,
    predicted: parts.has('conflicts') || !prev ? engine.conflicts.predicted() : prev.predicted,
    // Spend moves with the jobs' costs.
    budget: parts.has('jobs') || !prev ? engine.dailyBudget() : prev.budget,
    // Heartbeats move without an event: read with the jobs, which every tick may reload.
    hosts: !engine.hosts.shared
      ? []
      : parts.has('jobs') || !prev
        ? engine.hosts.list()
        : prev.hosts,
    now: Date.now(),
  };
}

/** What the elapsed timers on screen show, as one number: it changes when they do. */
function clockOf(jobs: readonly Job[], now: number): number {
  return jobs.some(ticksBySecond) ? Math.floor(now / 1000) : Math.floor(now / 60_000);
}

/**
 * The engine's state for the TUI, kept current by its events alone: each event marks what it
 * touches, and one batched update (at most every BATCH_MS) reloads just that from the store.
 * Changes other processes commit (a `cc-agent queue add` elsewhere) show up on the next tick
 * through SQLite's data_version, without reading any table.
 */
export function useEngineData(engine: Engine): TuiData {
  const [data, setData] = useState<TuiData>(() => load(engine, new Set(ALL), undefined));
  const ref = useRef(data);
  useEffect(() => {
    const dirty = new Set<Part>();
    const changedElsewhere = engine.changeWatcher();
    const events: TimelineEntry[] = [];
    const notes: Note[] = [];
    let timer: NodeJS.Timeout | undefined;
    let tick = false;
    let lastClock = clockOf(ref.current.jobs, ref.current.now);
    const flush = (): void => {
      timer = undefined;
      // Taken out before loading. The load only reads (engine reads have no side effects: the
      // live engine ingests), so it marks nothing; marks set meanwhile reach the next flush.
      const parts = new Set(dirty);
      const arrived = events.splice(0);
      const fresh = notes.splice(0);
      dirty.clear();
      const next = load(engine, parts, ref.current);
      // A timeline reloaded now already holds some of what arrived: only the rest is appended.
      const held = arrived.length > 0 ? new Set(next.timeline.map((e) => e.seq)) : undefined;
      const missing = arrived.filter((e) => !held?.has(e.seq));
      if (missing.length > 0) next.timeline = [...next.timeline, ...missing].slice(-TIMELINE_KEEP);
      if (fresh.length > 0) next.notes = addNotes(next.notes, fresh);
      const nothing = parts.size === 0 && arrived.length === 0 && fresh.length === 0;
      // A bare tick re-renders only when a timer on screen changes: every second while an
      // agent works, every minute otherwise (idle agents' times are shown in minutes).
      const clock = clockOf(next.jobs, next.now);
      if (nothing && tick && clock === lastClock) {
        tick = false;
        return;
      }
      lastClock = clock;
      tick = false;
      ref.current = next;
      setData(next);
    };
    const mark = (...parts: Part[]): void => {
      for (const p of parts) dirty.add(p);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    // What makes a note, and its words, are the shared view's (the page's view says the same).
    const note = (e: NoteEvent): void => {
      const text = noteOf(e, (id) => engine.triggers.approvals().find((a) => a.id === id));
      if (text) notes.push({ at: Date.now(), ...text });
      mark();
    };
    const offs = [
      engine.events.on('job_created', () => mark(...CHANGES.job_created)),
      engine.events.on('job_updated', () => mark(...CHANGES.job_updated)),
      engine.events.on('job_completed', (j) => {
        note({ name: 'job_completed', payload: j });
        mark(...CHANGES.job_completed);
      }),
      engine.events.on('job_failed', (j) => {
        note({ name: 'job_failed', payload: j });
        mark(...CHANGES.job_failed);
      }),
      engine.events.on('job_deleted', () => mark(...CHANGES.job_deleted)),
      engine.events.on('hook_event', (e) => {
        events.push(slim(e));
        mark();
      }),
      engine.events.on('queue_updated', () => mark(...CHANGES.queue_updated)),
      engine.events.on('queue_removed', () => mark(...CHANGES.queue_removed)),
      engine.events.on('approval_updated', (a) => {
        if (a.status === 'pending') note({ name: 'approval_updated', payload: a });
        mark(...CHANGES.approval_updated);
      }),
      engine.events.on('trigger_fired', () => mark(...CHANGES.trigger_fired)),
      engine.events.on('notification', (n) => note({ name: 'notification', payload: n })),
      engine.events.on('orchestrator_status_change', () =>
        mark(...CHANGES.orchestrator_status_change),
      ),
      engine.events.on('file_conflict', () => mark(...CHANGES.file_conflict)),
      engine.events.on('leases_updated', () => mark(...CHANGES.leases_updated)),
      engine.events.on('pulse_tick', () => {
        tick = true;
        // Another process may also have ingested hook events first: their events fired there.
        if (changedElsewhere()) mark(...ALL);
        else mark();
      }),
    ];
    // Whatever changed between the first load and these subscriptions (the live engine's
    // first ingest runs just after it starts) is reloaded once.
    mark(...ALL);
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [engine]);
  return data;
}
