import type { TuiData } from './data/use-engine-data.js';
import {
  JOB_HEADER,
  jobHeader,
  jobRow,
  pendingItems,
  pendingRow,
  TASK_HEADER,
  taskRow,
  TRIGGER_HEADER,
  triggerRow,
  type Pending,
} from './rows.js';
import { applyFilter, type PanelId } from './view/state.js';
import { activityWords } from './activity-words.js';
import { clock, noteLine } from '../view/notes.js';
import { pipelineRows, windowRange, type PipelineWindow } from '../view/pipeline.js';
import { isActive, type Job, type Task, type Trigger } from '../engine/index.js';
import { asksForHuman, unseenTurn } from '../view/attention.js';
import { conflictLine, forecastLine } from '../view/conflicts.js';
import { byId } from '../view/hosts.js';

export interface Row {
  key: string;
  text: string;
  color?: string;
  dim?: boolean;
}

/** What a list panel shows: its column header, its rows, and the record behind each row. */
export interface PanelModel {
  header?: string;
  rows: Row[];
  items: unknown[];
  empty: string;
}

export function jobColor(j: Job): string | undefined {
  if (j.status === 'failed') return 'red';
  if (j.status === 'killed') return 'gray';
  if (j.status === 'completed') return 'blue';
  if (asksForHuman(j)) return 'magenta';
  if (unseenTurn(j)) return 'yellow';
  if (j.activity === 'working' || j.activity === 'starting') return 'green';
  return undefined;
}

function model<T>(
  items: readonly T[],
  filter: string,
  text: (t: T) => string,
  row: (t: T) => Omit<Row, 'text'>,
  extra: { header?: string; empty: string },
): PanelModel {
  const shown = applyFilter(items, filter, text);
  return {
    ...extra,
    rows: shown.map((t) => ({ ...row(t), text: text(t) })),
    items: shown,
    empty: filter ? `nothing matches '${filter}'` : extra.empty,
  };
}

/** The rows of a list panel after its filter. Panels that draw charts have no rows. */
export function panelModel(
  panel: PanelId,
  data: TuiData,
  filter: string,
  window?: PipelineWindow,
): PanelModel {
  const hostsById = byId(data.hosts);
  switch (panel) {
    case 'jobs':
      return model(
        data.jobs.filter((j) => j.kind === 'worker' || j.status === 'running'),
        filter,
        (j) => jobRow(j, data.now, data.orchestrator, data.conflicts, hostsById),
        (j) => ({ key: j.id, color: jobColor(j), dim: j.status === 'killed' }),
        { header: jobHeader(hostsById), empty: 'no agents yet: press n to start one' },
      );
    case 'timeline':
      return model(
        [...data.timeline].reverse(),
        filter,
        (e) => e.line,
        (e) => ({ key: String(e.seq) }),
        { empty: 'no hook events yet' },
      );
    case 'queue':
      return model(
        data.tasks,
        filter,
        taskRow,
        (t: Task) => ({
          key: t.id,
          color: t.status === 'running' ? 'green' : t.status === 'failed' ? 'red' : undefined,
          dim: t.status === 'done',
        }),
        { header: TASK_HEADER, empty: 'the queue is empty: press a to add a task' },
      );
    case 'triggers':
      return model(
        data.triggers,
        filter,
        triggerRow,
        (t: Trigger) => ({ key: t.id, dim: !t.enabled }),
        { header: TRIGGER_HEADER, empty: 'no triggers: press m to activate a mode' },
      );
    case 'approvals':
      return model(
        pendingItems(data.approvals, data.jobs),
        filter,
        pendingRow,
        (p: Pending) => ({
          key: p.kind === 'approval' ? p.approval.id : p.job.id,
          color: p.kind === 'agent' ? 'magenta' : 'yellow',
        }),
        { empty: 'nothing waits for you' },
      );
    case 'orchestrator':
      return model(
        [...data.orchestrator.recent].reverse(),
        filter,
        (a) => `${clock(Date.parse(a.ts))}  ${activityWords(a, data.tasks)}`,
        (a) => ({ key: String(a.seq) }),
        { empty: 'no orchestrator activity yet' },
      );
    case 'notifications':
      return model(data.notes, filter, noteLine, (n) => ({ key: `${n.at}-${n.title}` }), {
        empty: 'no notifications yet',
      });
    case 'conflicts':
      // Files two live agents edit now, then merges git predicts would conflict.
      return model(
        [
          ...data.conflicts.map((c) => ({ key: `c${c.id}`, text: conflictLine(c), color: 'red' })),
          ...data.predicted.map((f) => ({
            key: `f${f.job}-${JSON.stringify(f.against)}`,
            text: `predicted merge conflict: ${forecastLine(f)}`,
            color: 'yellow',
          })),
        ],
        filter,
        (r) => r.text,
        (r) => ({ key: r.key, color: r.color }),
        { empty: 'no two live agents edit the same file, and no merge is predicted to conflict' },
      );
    case 'pipeline':
      return model(
        window ? pipelineRows(data.jobs, data.tasks, windowRange(window, data.now), data.now) : [],
        filter,
        (r) => `${r.job.id} ${r.label}`,
        (r) => ({ key: r.job.id }),
        { empty: 'no jobs in this window: h earlier, - zoom out' },
      );
    // Analytics draws charts.
    case 'analytics':
      return { rows: [], items: [], empty: '' };
    // The Split panel picks among the live agents.
    case 'split':
      return model(
        data.jobs.filter((j) => isActive(j.status)),
        filter,
        (j) => jobRow(j, data.now, data.orchestrator),
        (j) => ({ key: j.id, color: jobColor(j) }),
        { header: JOB_HEADER, empty: 'no live agents to watch: press n to start one' },
      );
  }
}
