import { useMemo } from 'preact/hooks';
import type { FileConflict, HostSummary, Job } from '../engine/index.js';
import { conflictMark } from '../view/conflicts.js';
import { byId, hostStatus } from '../view/hosts.js';
import { compact, elapsed, state, tokens } from './api.js';

export type SortKey = 'state' | 'id' | 'time' | 'tokens' | 'cost' | 'ctx';

const SORTS: Record<SortKey, (a: Job, b: Job) => number> = {
  state: (a, b) => state(a).localeCompare(state(b)),
  id: (a, b) => a.id.localeCompare(b.id),
  time: (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  tokens: (a, b) => tokens(b) - tokens(a),
  cost: (a, b) => b.costUsd - a.costUsd,
  ctx: (a, b) => (b.contextPct ?? -1) - (a.contextPct ?? -1),
};

/** Every job (or the ended ones: History), filtered and sorted; a row opens the job. */
export function JobTable(props: {
  jobs: Job[];
  selected: number;
  filter: string;
  onFilter: (f: string) => void;
  onOpen: (id: string) => void;
  title: string;
  sort: SortKey;
  onSort: (key: SortKey) => void;
  /** Older jobs the live snapshot left out, and how to load the next page of them. */
  more: number;
  onMore: () => void;
  /** Open file conflicts: a job in one carries the TUI's mark in DOING. */
  conflicts?: readonly FileConflict[];
  /** Many hosts: a HOST column, and `unknown` for a running job whose host is down. */
  hosts?: readonly HostSummary[];
}) {
  const hosts = useMemo(() => byId(props.hosts ?? []), [props.hosts]);
  const rows = useMemo(
    () => visibleJobs(props.jobs, props.filter, props.sort),
    [props.jobs, props.filter, props.sort],
  );
  const head = (key: SortKey, label: string) => (
    <th onClick={() => props.onSort(key)}>{props.sort === key ? `${label} ↓` : label}</th>
  );
  return (
    <div>
      <div class="row">
        <b>{props.title}</b>
        <input
          id="filter"
          placeholder="filter ( / )"
          value={props.filter}
          onInput={(e) => props.onFilter((e.target as HTMLInputElement).value)}
        />
        <span class="dim">{rows.length} jobs</span>
        {props.more > 0 ? (
          <button class="act" onClick={props.onMore}>
            load {props.more} older
          </button>
        ) : null}
      </div>
      <table>
        <thead>
          <tr>
            {head('id', 'ID')}
            {hosts.size ? <th>HOST</th> : null}
            {head('state', 'STATE')}
            <th>AGENT</th>
            {head('time', 'TIME')}
            {head('tokens', 'TOKENS')}
            {head('ctx', 'CTX')}
            {head('cost', 'COST')}
            <th>DOING</th>
            <th>TASK</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((j, i) => (
            <tr
              key={j.id}
              class={i === props.selected ? 'sel' : ''}
              onClick={() => props.onOpen(j.id)}
              data-job={j.id}
            >
              <td>{j.id}</td>
              {hosts.size ? <td>{j.host ?? '-'}</td> : null}
              <td class={hostStatus(j, hosts) ?? state(j)}>{hostStatus(j, hosts) ?? state(j)}</td>
              <td>
                {j.backend} {j.model ?? ''}
                {j.effort ? `/${j.effort}` : ''}
              </td>
              <td>{elapsed(j)}</td>
              <td>{tokens(j) ? compact(tokens(j)) : '-'}</td>
              <td>{j.contextPct === null ? '-' : `${j.contextPct}%`}</td>
              <td>{j.costUsd ? `$${j.costUsd.toFixed(2)}` : '-'}</td>
              <td>
                <ConflictMark mark={conflictMark(j, props.conflicts ?? [])} />
                {j.status === 'running'
                  ? (j.activityDetail?.label ?? '')
                  : (j.summary ?? j.error ?? '')}
              </td>
              <td>{j.promptPreview}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The rows the table shows, in its order: every word of the filter somewhere in the row, then
 * the chosen sort. The keys select by it too, so Enter opens the highlighted row.
 */
export function visibleJobs(jobs: Job[], filter: string, sort: SortKey): Job[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return jobs
    .filter((j) => {
      const text =
        `${j.id} ${state(j)} ${j.backend} ${j.model ?? ''} ${j.promptPreview} ${j.activityDetail?.label ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort(SORTS[sort]);
}

/** A job's file-conflict mark in DOING ("⚠ 1 file"), or nothing. */
function ConflictMark(props: { mark: string }) {
  return props.mark ? (
    <span class="failed" data-conflict-mark>
      {props.mark}{' '}
    </span>
  ) : null;
}
