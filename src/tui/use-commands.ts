import type { Dispatch } from 'react';
import type { Engine, Job } from '../engine/index.js';
import type { TuiData } from './data/use-engine-data.js';
import type { CommandId } from './keymap.js';
import { jobTask, type Pending } from './rows.js';
import {
  type ConfirmAction,
  type PanelId,
  type PromptKind,
  type ViewAction,
  type ViewState,
} from './view/state.js';

export interface CommandContext {
  engine: Engine;
  data: TuiData;
  view: ViewState;
  dispatch: Dispatch<ViewAction>;
  /** The selected record of the panel on screen (a Job, Task, Trigger, Pending…). */
  selected: unknown;
  /** How many rows the panel lists, and how many fit on a page. */
  count: number;
  page: number;
  /** The job the job-scoped keys act on: the open detail's, or the selected row's. */
  job: Job | undefined;
  exit: () => void;
}

/** Run an engine call, reporting its outcome (or its error, as one line) in the footer. */
export function act(dispatch: Dispatch<ViewAction>, work: () => Promise<string> | string): void {
  Promise.resolve()
    .then(work)
    .then(
      (text) => dispatch({ type: 'status', text }),
      (e: unknown) =>
        dispatch({
          type: 'status',
          text: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'failed',
          error: true,
        }),
    );
}

const prompt = (kind: PromptKind, jobId?: string, value = ''): ViewAction => ({
  type: 'push-modal',
  modal: { kind: 'prompt', prompt: kind, jobId, value },
});

const confirm = (message: string, action: ConfirmAction): ViewAction => ({
  type: 'push-modal',
  modal: { kind: 'confirm', message, action },
});

/** What each command does. Keys reach here through the keymap; the palette calls it too. */
export function runCommand(c: CommandContext, command: CommandId): void {
  const { engine, dispatch, view } = c;
  const needJob = (fn: (j: Job) => void): void => {
    if (c.job) fn(c.job);
    else dispatch({ type: 'status', text: 'no job selected', error: true });
  };
  if (command.startsWith('panel-')) {
    dispatch({ type: 'panel', panel: command.slice('panel-'.length) as PanelId });
    return;
  }
  switch (command) {
    case 'quit':
      return c.exit();
    case 'help':
      return dispatch({ type: 'push-modal', modal: { kind: 'help' } });
    case 'palette':
      return dispatch(prompt('palette'));
    case 'next-panel':
      return dispatch({ type: 'cycle', delta: 1 });
    case 'prev-panel':
      return dispatch({ type: 'cycle', delta: -1 });
    case 'filter':
      return dispatch(prompt('filter', undefined, view.filters[view.panel]));
    case 'clear-filter':
      if (view.filters[view.panel]) dispatch({ type: 'filter', panel: view.panel, text: '' });
      return;
    case 'back':
      return dispatch({ type: 'back' });
    case 'down':
      return dispatch({ type: 'move', delta: 1, count: c.count });
    case 'up':
      return dispatch({ type: 'move', delta: -1, count: c.count });
    case 'top':
      return dispatch({ type: 'select', index: 0, count: c.count });
    case 'bottom':
      return dispatch({ type: 'select', index: c.count - 1, count: c.count });
    case 'page-down':
      return dispatch({ type: 'move', delta: c.page, count: c.count });
    case 'page-up':
      return dispatch({ type: 'move', delta: -c.page, count: c.count });
    case 'detail':
      return needJob((j) => {
        engine.seen(j.id);
        dispatch({ type: 'open-detail', jobId: j.id });
      });
    case 'jump':
      return needJob((j) =>
        act(dispatch, async () => {
          engine.seen(j.id);
          await engine.switchTo(j.id);
          return `jumped to ${j.tmuxSession} (tmux prefix + L comes back)`;
        }),
      );
    case 'peek':
      return needJob((j) =>
        act(dispatch, async () => {
          engine.seen(j.id);
          await engine.peek(j.id);
          return `peeked at ${j.id}`;
        }),
      );
    case 'new-agent':
      return dispatch({ type: 'push-modal', modal: { kind: 'new-agent' } });
    case 'send':
      return needJob((j) => dispatch(prompt('send', j.id)));
    case 'reuse':
      return needJob((j) => dispatch(prompt('reuse', j.id)));
    case 'kill':
      return needJob((j) =>
        dispatch(
          confirm(`Kill job ${j.id} (${jobTask(j).slice(0, 40)})?`, {
            type: 'kill',
            jobId: j.id,
          }),
        ),
      );
    case 'clear':
      return needJob((j) =>
        dispatch(confirm(`Clear the context of job ${j.id}?`, { type: 'clear', jobId: j.id })),
      );
    case 'queue-add':
      return dispatch(prompt('queue-add'));
    case 'queue-remove': {
      const t = c.selected as { id: string } | undefined;
      if (t)
        dispatch(
          confirm(`Remove task ${t.id} from the queue?`, { type: 'queue-remove', taskId: t.id }),
        );
      return;
    }
    case 'trigger-toggle': {
      const t = c.selected as { id: string; name: string } | undefined;
      if (t)
        act(dispatch, () => {
          const after = engine.triggers.toggle(t.id);
          return `trigger ${after.name} ${after.enabled ? 'enabled' : 'disabled'}`;
        });
      return;
    }
    case 'mode':
      return dispatch(prompt('mode'));
    case 'approve':
    case 'approve-always':
    case 'reject': {
      const p = c.selected as Pending | undefined;
      if (!p) return dispatch({ type: 'status', text: 'nothing to decide', error: true });
      if (p.kind === 'approval') {
        if (command === 'approve-always') return;
        return act(dispatch, async () => {
          const a =
            command === 'approve'
              ? await engine.triggers.approve(p.approval.id)
              : await engine.triggers.reject(p.approval.id);
          return `approval ${a.id} ${a.status}${a.result ? `: ${a.result}` : ''}`;
        });
      }
      const answer = command === 'approve' ? 'yes' : command === 'reject' ? 'no' : 'always';
      return act(dispatch, async () => {
        const what = await engine.answer(p.job.id, answer);
        return `answered ${answer} to ${p.job.id}'s ${what} question`;
      });
    }
  }
}

/** Carry out what a confirm dialog was for, once the user said yes. */
export function runConfirmed(
  engine: Engine,
  dispatch: Dispatch<ViewAction>,
  a: ConfirmAction,
  exit: () => void,
): void {
  switch (a.type) {
    case 'kill':
      return act(dispatch, async () => {
        const r = await engine.kill(a.jobId);
        return r.wasRunning ? `killed ${a.jobId}` : `${a.jobId} had already ended; session removed`;
      });
    case 'clear':
      return act(dispatch, async () => {
        const session = await engine.clear(a.jobId);
        return `cleared ${a.jobId}${session ? ` (new session ${session.slice(0, 8)})` : ''}`;
      });
    case 'queue-remove':
      return act(dispatch, () => `removed task ${engine.queue.remove(a.taskId).id}`);
    case 'mode-activate':
      return act(dispatch, () => {
        engine.triggers.activateMode(a.mode);
        return `mode ${a.mode} active`;
      });
    case 'quit':
      return exit();
  }
}

/** What a one-line prompt does with its text on Enter. */
export function runPrompt(
  engine: Engine,
  dispatch: Dispatch<ViewAction>,
  kind: PromptKind,
  text: string,
  jobId: string | undefined,
): void {
  if (kind !== 'filter' && text.trim() === '') {
    dispatch({ type: 'status', text: 'nothing to send', error: true });
    return;
  }
  switch (kind) {
    case 'send':
      return act(dispatch, async () => {
        await engine.send(jobId as string, text);
        return `sent to ${jobId}`;
      });
    case 'reuse':
      return act(dispatch, async () => {
        await engine.reuse(jobId as string, text);
        return `${jobId} cleared and given the new task`;
      });
    case 'queue-add':
      return act(dispatch, () => `queued task ${engine.queue.add(text).id}`);
    default:
      return;
  }
}
