import { useState } from 'preact/hooks';
import type { Task, TaskPreview } from '../engine/index.js';
import { taskState, waitWords } from '../view/task-deps.js';
import { api, post, run, type Live, type Say } from './api.js';
import { Act } from './panels.js';

/**
 * The queue: add a task, see each in order, remove one. Rows hold previews (the stream never
 * carries whole prompts); a click fetches the task whole and shows its prompt.
 */
export function Queue(props: { live: Live; say: Say }) {
  const [prompt, setPrompt] = useState('');
  const [priority, setPriority] = useState('0');
  const [open, setOpen] = useState<Task | null>(null);
  const show = (t: TaskPreview): void => {
    if (open?.id === t.id) return setOpen(null);
    void api<Task>(`/api/queue/tasks/${t.id}`).then(setOpen, (e: Error) => props.say(e.message));
  };
  const left = props.live.more.tasks;
  return (
    <div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            props.say,
            post('/api/queue/tasks', { prompt, priority: Number(priority) }),
            'queued',
          ).then(() => setPrompt(''));
        }}
      >
        <input
          style="flex:1"
          placeholder="task for the orchestrator"
          value={prompt}
          onInput={(e) => setPrompt((e.target as HTMLInputElement).value)}
        />
        <input
          style="width:5rem"
          type="number"
          value={priority}
          onInput={(e) => setPriority((e.target as HTMLInputElement).value)}
        />
        <button class="act">add</button>
      </form>
      <table>
        <tbody>
          {props.live.tasks.map((t) => (
            <tr key={t.id} data-task={t.id} onClick={() => show(t)}>
              <td>{t.id}</td>
              <td class={taskState(t)}>{taskState(t)}</td>
              <td>{t.priority}</td>
              <td>
                {t.prompt.split('\n')[0]}
                {t.promptLength > t.prompt.length ? ' …' : ''}
                {waitWords(t) ? <span class="dim wait"> ({waitWords(t)})</span> : null}
              </td>
              <td class="dim">{t.result ?? t.error ?? ''}</td>
              <td>
                {t.status !== 'running' ? (
                  <Act
                    say={props.say}
                    call={() => api(`/api/queue/tasks/${t.id}`, { method: 'DELETE' })}
                    done={`removed ${t.id}`}
                  >
                    remove
                  </Act>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {left > 0 ? (
        <div class="row">
          <span class="dim">{left} more tasks not loaded</span>
          <button class="act" onClick={() => props.live.loadMore('tasks')}>
            load more
          </button>
        </div>
      ) : null}
      {open ? (
        <div id="task-prompt">
          <b>task {open.id}</b>
          <pre>{open.prompt}</pre>
        </div>
      ) : null}
    </div>
  );
}
