import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HookEventRecord, Job } from '../engine/index.js';
import { api, compact, elapsed, post, run, state, tokens } from './api.js';
import { connectTerminal } from './terminal-socket.js';
import { DiffView } from './diff-view.js';
import { shortcut } from './keys.js';

/** xterm.js on the job's WebSocket: its screen live, keystrokes straight to the agent. */
function TerminalView(props: { id: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const term = new Terminal({ convertEol: false, fontSize: 13, scrollback: 5000 });
    term.open(host.current as HTMLDivElement);
    const socket = connectTerminal(term, props.id);
    const input = term.onData((data) => socket.send(data));
    term.focus();
    return () => {
      input.dispose();
      socket.close();
      term.dispose();
    };
  }, [props.id]);
  return <div class="term" ref={host} data-terminal={props.id} />;
}

export function JobView(props: {
  job: Job | undefined;
  id: string;
  events: HookEventRecord[];
  onStatus: (s: string) => void;
}) {
  const { job } = props;
  const [history, setHistory] = useState<HookEventRecord[]>([]);
  const [message, setMessage] = useState('');
  const [tab, setTab] = useState<'terminal' | 'diff'>('terminal');
  const hasTree = Boolean(job?.worktree);
  useEffect(() => {
    void api<HookEventRecord[]>(`/api/timeline?job=${props.id}&limit=50`).then(setHistory);
    setTab('terminal');
  }, [props.id]);
  // d, as in the TUI: the diff, or the terminal again.
  useEffect(() => {
    if (!hasTree) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'd' || !shortcut(e)) return;
      e.preventDefault();
      setTab((t) => (t === 'diff' ? 'terminal' : 'diff'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasTree]);
  if (!job) return <p class="err">no job {props.id}</p>;
  const events = [
    ...history,
    ...props.events.filter((e) => e.jobId === job.id && !history.some((h) => h.seq === e.seq)),
  ].slice(-12);
  const act = (what: string, path: string, body: unknown = {}) =>
    run(props.onStatus, post(path, body), `${what} ${job.id}`);
  return (
    <div>
      <div class="row">
        <b>{job.id}</b>
        <span class={state(job)}>{state(job)}</span>
        <span>
          {job.backend} {job.model}/{job.effort} · {job.sandbox} · {job.dir}
        </span>
        <span class="dim">
          {elapsed(job)} · {compact(tokens(job))} tokens · ctx {job.contextPct ?? '-'}% · $
          {job.costUsd.toFixed(2)}
        </span>
      </div>
      {job.worktree ? (
        <div class="tabs">
          {(['terminal', 'diff'] as const).map((t) => (
            <button
              key={t}
              type="button"
              class={t === tab ? 'on' : ''}
              data-tab={t}
              onClick={() => setTab(t)}
            >
              {t === 'diff' ? 'Diff (d)' : 'Terminal'}
            </button>
          ))}
        </div>
      ) : null}
      {/* Unmounted, not hidden, under the diff: no keystroke can reach an unseen terminal. */}
      {tab === 'diff' && job.worktree ? (
        <DiffView job={job} onStatus={props.onStatus} />
      ) : (
        <TerminalView id={job.id} />
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (message.trim())
            void act('sent to', `/api/actions/jobs/${job.id}/send`, { message }).then(() =>
              setMessage(''),
            );
        }}
      >
        <input
          id="send"
          style="flex:1"
          placeholder="message to the agent"
          value={message}
          onInput={(e) => setMessage((e.target as HTMLInputElement).value)}
        />
        <button class="act" type="submit">
          send
        </button>
        <button
          class="act"
          type="button"
          onClick={() =>
            confirm(`Kill ${job.id}?`) && void act('killed', `/api/actions/jobs/${job.id}/kill`)
          }
        >
          kill
        </button>
        <button
          class="act"
          type="button"
          onClick={() =>
            confirm(`Clear ${job.id}'s context?`) &&
            void act('cleared', `/api/actions/jobs/${job.id}/clear`)
          }
        >
          clear
        </button>
      </form>
      <div class="cards">
        <div>
          <b>timeline</b>
          {events.map((e) => (
            <div key={e.seq} class="dim">
              {new Date(e.ts).toISOString().slice(11, 19)} {e.event} {e.toolName ?? ''}
            </div>
          ))}
        </div>
        <div>
          <b>files modified</b>
          {job.filesModified.length === 0 ? (
            <div class="dim">none</div>
          ) : (
            job.filesModified.map((f) => <div key={f}>{f}</div>)
          )}
        </div>
      </div>
    </div>
  );
}
