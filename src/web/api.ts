import { useEffect, useRef, useState } from 'preact/hooks';
// The same labels as the CLI and the TUI.
export { count as compact, elapsed, totalTokens as tokens } from '../view/format.js';
import type {
  HookEventRecord,
  Job,
  MergeResult,
  TaskPreview,
  WorktreeState,
} from '../engine/index.js';
import type { Snapshot } from '../view/snapshot.js';

/** The header the server wants, with the cookie, on every change (server/security.ts). */
const CSRF_HEADER = 'x-cc-agent-csrf';
let session: Promise<string> | undefined;

/**
 * The page's CSRF token, fetched once from `/api/session`: an answer only our own page can
 * read, so a page on another port cannot make a change with the cookie alone.
 */
export function csrf(): Promise<string> {
  session ??= fetch('/api/session').then(async (res) => {
    const body = (await res.json().catch(() => ({}))) as { csrf?: string; error?: string };
    if (!res.ok || !body.csrf) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
    return body.csrf;
  });
  // A failure is not kept: the next change asks again.
  session.catch(() => (session = undefined));
  return session;
}

interface ApiError {
  error?: string;
  field?: string;
}

/**
 * The server's error as the page says it: an error about a field (which the server names by its
 * key) names it by its label instead: "Reasoning: invalid 'x' (expected one of: …)".
 */
export function errorText(body: ApiError, fallback: string): string {
  const { error, field } = body;
  if (!error) return fallback;
  if (!field || !error.includes(` ${field} `)) return error;
  const label = field.charAt(0).toUpperCase() + field.slice(1).replace(/[A-Z]/g, (m) => ` ${m}`);
  return `${label}: ${error.replace(` ${field} `, ' ')}`;
}

/** JSON from the API (the page's cookie carries the token); errors become Error(message). */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const changes = (init.method ?? 'GET') !== 'GET';
  const res = await fetch(path, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(changes ? { [CSRF_HEADER]: await csrf() } : {}),
      ...(init.headers ?? {}),
    },
  });
  const body = (await res.json().catch(() => ({}))) as ApiError;
  if (!res.ok) throw new Error(errorText(body, `${res.status} ${res.statusText}`));
  return body as T;
}

export const post = <T>(path: string, body: unknown = {}): Promise<T> =>
  api<T>(path, { method: 'POST', body: JSON.stringify(body) });

export type Say = (s: string) => void;

/** Run one API call and say how it went: `done` on success, the server's error otherwise. */
export const run = (say: Say, work: Promise<unknown>, done: string): Promise<void> =>
  work.then(
    () => say(done),
    (e: Error) => say(e.message),
  );

/** A worktree job's branch state and its diff against its base (plain text). */
export const worktreeOf = (id: string): Promise<{ state: WorktreeState; diff: string }> =>
  Promise.all([
    api<WorktreeState>(`/api/jobs/${id}/worktree`),
    api<{ diff: string }>(`/api/jobs/${id}/diff`),
  ]).then(([state, { diff }]) => ({ state, diff }));

/** Merge a worktree job; a conflict comes back as a result (with HTTP 409), not an error. */
export async function mergeJob(id: string): Promise<MergeResult> {
  const res = await fetch(`/api/actions/jobs/${id}/merge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: await csrf() },
    body: '{}',
  });
  const body = (await res.json().catch(() => ({}))) as Partial<MergeResult> & { error?: string };
  if (body.status) return body as MergeResult;
  throw new Error(body.error ?? `${res.status} ${res.statusText}`);
}

export interface Live extends Snapshot {
  events: HookEventRecord[];
  /** Counts the events that make a notification: the Notifications view reloads on each. */
  noteTick: number;
  /** 'no-token': the page was opened without the token URL. */
  connection: 'connecting' | 'live' | 'lost' | 'no-token';
  /** Fetch the next page of what the snapshot left out. */
  loadMore: (what: 'jobs' | 'tasks') => void;
}

type State = Omit<Live, 'loadMore'>;
const NONE = { jobs: 0, tasks: 0, approvals: 0 };
const EMPTY: State = {
  jobs: [],
  tasks: [],
  approvals: [],
  triggers: [],
  orchestrator: null,
  conflicts: [],
  budget: null,
  hosts: [],
  more: NONE,
  limits: NONE,
  events: [],
  noteTick: 0,
  connection: 'connecting',
};
const PAGE = 500;

const upsert = <T extends { id: string }>(list: T[], item: T): T[] => {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [item, ...list];
  const next = list.slice();
  next[i] = item;
  return next;
};

/**
 * The engine's state, live: one snapshot, then typed deltas over SSE (EventSource resumes with
 * Last-Event-ID by itself). Nothing is polled.
 */
export function useLive(): Live {
  const [live, setLive] = useState<State>(EMPTY);
  // Pages fetched beyond the snapshot's lists, per list: the next page's offset.
  const paged = useRef({ jobs: 0, tasks: 0 });
  const loadMore = (what: 'jobs' | 'tasks'): void => {
    const offset = live.limits[what] + paged.current[what];
    const path =
      what === 'jobs'
        ? `/api/jobs?offset=${offset}&limit=${PAGE}`
        : `/api/queue/tasks?preview=1&offset=${offset}&limit=${PAGE}`;
    void api<(Job | TaskPreview)[]>(path).then((page) => {
      paged.current[what] += page.length;
      setLive((l) => {
        const more = { ...l.more, [what]: Math.max(0, l.more[what] - page.length) };
        if (what === 'jobs') {
          return { ...l, more, jobs: (page as Job[]).reduce((js, j) => upsert(js, j), l.jobs) };
        }
        // The queue's tail goes after what is shown, in the queue's order.
        const have = new Set(l.tasks.map((t) => t.id));
        const tail = (page as TaskPreview[]).filter((t) => !have.has(t.id));
        return { ...l, more, tasks: [...l.tasks, ...tail] };
      });
    });
  };
  useEffect(() => {
    let source: EventSource | undefined;
    let stopped = false;
    const patch = (fn: (l: State) => State): void => setLive((l) => fn(l));
    const refetch = <K extends keyof State>(key: K, path: string): void => {
      void api<State[K]>(path).then((v) => patch((l) => ({ ...l, [key]: v })));
    };
    void fetch('/api/pulse/status').then((res) => {
      if (stopped) return;
      if (res.status === 401) return patch((l) => ({ ...l, connection: 'no-token' }));
      source = new EventSource('/api/events');
      source.onopen = () => patch((l) => ({ ...l, connection: 'live' }));
      source.onerror = () => patch((l) => ({ ...l, connection: 'lost' }));
      const on = (name: string, fn: (data: never) => void): void =>
        source?.addEventListener(name, (e) => fn(JSON.parse((e as MessageEvent).data) as never));
      on('snapshot', (s: Snapshot) => {
        paged.current = { jobs: 0, tasks: 0 };
        patch((l) => ({ ...l, ...s, connection: 'live' }));
      });
      for (const name of ['job_created', 'job_updated', 'job_completed', 'job_failed']) {
        on(name, (j: Job) => patch((l) => ({ ...l, jobs: upsert(l.jobs, j) })));
      }
      on('job_deleted', (d: { id: string }) =>
        patch((l) => ({ ...l, jobs: l.jobs.filter((j) => j.id !== d.id) })),
      );
      on('queue_updated', (t: TaskPreview) => patch((l) => ({ ...l, tasks: upsert(l.tasks, t) })));
      on('queue_removed', (d: { id: string }) =>
        patch((l) => ({ ...l, tasks: l.tasks.filter((t) => t.id !== d.id) })),
      );
      on('hook_event', (e: HookEventRecord) =>
        patch((l) => ({ ...l, events: [...l.events, e].slice(-500) })),
      );
      on('approval_updated', () => refetch('approvals', '/api/triggers/approvals'));
      on('trigger_fired', () => refetch('triggers', '/api/triggers'));
      on('orchestrator_status_change', () => refetch('orchestrator', '/api/orchestrator/status'));
      for (const name of ['file_conflict', 'leases_updated']) {
        on(name, () => refetch('conflicts', '/api/conflicts/open'));
      }
      // Spend moves with the jobs' costs: asked again at most every few seconds.
      let budgetAsked = 0;
      on('job_updated', () => {
        if (Date.now() - budgetAsked < 3000) return;
        budgetAsked = Date.now();
        refetch('budget', '/api/budget');
      });
      for (const name of ['job_completed', 'job_failed', 'approval_updated', 'notification']) {
        on(name, () => patch((l) => ({ ...l, noteTick: l.noteTick + 1 })));
      }
    });
    return () => {
      stopped = true;
      source?.close();
    };
  }, []);
  return { ...live, loadMore };
}

export const state = (j: Job): string =>
  j.status === 'running' && j.activity ? j.activity : j.status;
