import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Job } from '../../src/engine/index.js';
import type { Harness } from './cli-harness.js';
import type { Served } from './serve.js';

/** Each job's state as one word: its activity while it runs, else its status. */
export type States = Record<string, string>;

const word = (status: string, activity: string | null): string =>
  status === 'running' && activity ? activity : status;

/** The store itself, read as a bystander: its own read-only connection, no ingest, no check. */
export function storeStates(h: Harness): States {
  const db = new Database(join(h.home, 'cc-agent.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, status, activity FROM jobs').all() as {
      id: string;
      status: string;
      activity: string | null;
    }[];
    return Object.fromEntries(rows.map((r) => [r.id, word(r.status, r.activity)]));
  } finally {
    db.close();
  }
}

/** `cc-agent jobs --json`. */
export async function cliStates(h: Harness): Promise<States> {
  const jobs = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
  return Object.fromEntries(jobs.map((j) => [j.id, word(j.status, j.activity)]));
}

/** The TUI's Jobs panel: each row's id and badge (`permission` is needs_permission). */
export function tuiStates(screen: string): States {
  const out: States = {};
  for (const line of screen.split('\n')) {
    const m = /^[ !●] ([0-9a-z]{4,8})\s+(\S+)/.exec(line);
    if (!m || m[1] === 'ID') continue;
    const badge = m[2] as string;
    out[m[1] as string] = badge === 'permission' ? 'needs_permission' : badge.replace(/\(.*$/, '');
  }
  return out;
}

/**
 * The page's view: `/api/events` followed as the browser does (a snapshot, then job events),
 * folded into the jobs it shows.
 */
export function followEvents(s: Served): { states(): States; close(): void } {
  const jobs = new Map<string, Job>();
  const ctl = new AbortController();
  const apply = (event: string, data: string): void => {
    if (event === 'snapshot') {
      jobs.clear();
      for (const j of (JSON.parse(data) as { jobs: Job[] }).jobs) jobs.set(j.id, j);
    } else if (event === 'job_deleted') {
      jobs.delete((JSON.parse(data) as { id: string }).id);
    } else if (event.startsWith('job_')) {
      const j = JSON.parse(data) as Job;
      jobs.set(j.id, j);
    }
  };
  void (async () => {
    const res = await fetch(`${s.base}/api/events`, {
      headers: { authorization: `Bearer ${s.token}` },
      signal: ctl.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += dec.decode(value, { stream: true });
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event && data !== undefined) apply(event, data);
      }
    }
  })().catch(() => undefined);
  return {
    states: () =>
      Object.fromEntries([...jobs.values()].map((j) => [j.id, word(j.status, j.activity)])),
    close: () => ctl.abort(),
  };
}
