import { useEffect, useState } from 'preact/hooks';
import type { ActivityEntry, Analytics, Mode } from '../engine/index.js';
// The rule itself (a pure module), not the engine's entry, which is Node-only.
import { asksForHuman } from '../engine/state/attention.js';
import { api, compact, post, type Live } from './api.js';

type Say = (s: string) => void;
const run = (say: Say, work: Promise<unknown>, done: string) =>
  work.then(
    () => say(done),
    (e: Error) => say(e.message),
  );

export function Timeline(props: { live: Live }) {
  const [past, setPast] = useState<Live['events']>([]);
  useEffect(() => void api<Live['events']>('/api/timeline?limit=300').then(setPast), []);
  const seen = new Set(past.map((e) => e.seq));
  const all = [...past, ...props.live.events.filter((e) => !seen.has(e.seq))].slice(-300).reverse();
  return (
    <table>
      <tbody>
        {all.map((e) => (
          <tr key={e.seq}>
            <td class="dim">{new Date(e.ts).toISOString().slice(11, 19)}</td>
            <td>{e.jobId}</td>
            <td>{e.event}</td>
            <td>{e.toolName ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Queue(props: { live: Live; say: Say }) {
  const [prompt, setPrompt] = useState('');
  const [priority, setPriority] = useState('0');
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
            <tr key={t.id}>
              <td>{t.id}</td>
              <td class={t.status}>{t.status}</td>
              <td>{t.priority}</td>
              <td>{t.prompt.split('\n')[0]}</td>
              <td class="dim">{t.result ?? t.error ?? ''}</td>
              <td>
                {t.status !== 'running' ? (
                  <button
                    class="act"
                    onClick={() =>
                      void run(
                        props.say,
                        api(`/api/queue/tasks/${t.id}`, { method: 'DELETE' }),
                        `removed ${t.id}`,
                      )
                    }
                  >
                    remove
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Triggers(props: { live: Live; say: Say }) {
  const [modes, setModes] = useState<Mode[]>([]);
  useEffect(() => void api<Mode[]>('/api/modes').then(setModes), [props.live.triggers]);
  return (
    <div>
      <div class="row">
        modes:
        {modes.map((m) => (
          <button
            key={m.name}
            class="act"
            title={m.description}
            onClick={() =>
              confirm(`Activate ${m.name}? It replaces all triggers.`) &&
              void run(props.say, post(`/api/modes/${m.name}/activate`), `mode ${m.name} active`)
            }
          >
            {m.name}
            {m.active ? ' ✓' : ''}
          </button>
        ))}
      </div>
      <table>
        <tbody>
          {props.live.triggers.map((t) => (
            <tr key={t.id}>
              <td>
                <button
                  class="act"
                  onClick={() =>
                    void run(props.say, post(`/api/triggers/${t.id}/toggle`), `toggled ${t.name}`)
                  }
                >
                  {t.enabled ? 'on' : 'off'}
                </button>
              </td>
              <td>{t.name}</td>
              <td>{t.kind}</td>
              <td>{t.condition}</td>
              <td>{t.action}</td>
              <td class="dim">
                {t.autonomy}
                {t.cooldownSeconds ? ` · ${t.cooldownSeconds}s` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Approvals(props: { live: Live; say: Say }) {
  const pending = props.live.approvals.filter((a) => a.status === 'pending');
  const asking = props.live.jobs.filter(asksForHuman);
  if (pending.length === 0 && asking.length === 0) return <p class="dim">nothing waits for you</p>;
  return (
    <table>
      <tbody>
        {pending.map((a) => (
          <tr key={a.id} data-approval={a.id}>
            <td>{a.id}</td>
            <td>trigger {a.triggerName}</td>
            <td>wants {a.action}</td>
            <td class="dim">{a.reason}</td>
            <td>
              <button
                class="act"
                data-approve={a.id}
                onClick={() =>
                  void run(
                    props.say,
                    post(`/api/triggers/approvals/${a.id}/approve`),
                    `approved ${a.id}`,
                  )
                }
              >
                approve
              </button>{' '}
              <button
                class="act"
                onClick={() =>
                  void run(
                    props.say,
                    post(`/api/triggers/approvals/${a.id}/reject`),
                    `rejected ${a.id}`,
                  )
                }
              >
                reject
              </button>
            </td>
          </tr>
        ))}
        {asking.map((j) => (
          <tr key={j.id}>
            <td>{j.id}</td>
            <td>agent</td>
            <td>{j.activityDetail?.label ?? j.activity}</td>
            <td class="dim">{j.promptPreview}</td>
            <td>
              {['yes', 'always', 'no'].map((answer) => (
                <button
                  key={answer}
                  class="act"
                  onClick={() =>
                    void run(
                      props.say,
                      post(`/api/actions/jobs/${j.id}/answer`, { answer }),
                      `answered ${answer}`,
                    )
                  }
                >
                  {answer}
                </button>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Orchestrator(props: { live: Live; say: Say }) {
  const o = props.live.orchestrator;
  const [activity, setActivity] = useState<ActivityEntry[]>([]);
  useEffect(() => void api<ActivityEntry[]>('/api/activity?limit=30').then(setActivity), [o]);
  const [msg, setMsg] = useState('');
  return (
    <div>
      <p>
        <b>{o?.state ?? '…'}</b> · context {o?.contextPct ?? '-'}% ({o?.phase ?? 'normal'}) · task{' '}
        {o?.currentTask?.id ?? 'none'} · queued {o?.queueDepth ?? 0} · respawns {o?.respawns ?? 0} ·
        pulse {o?.pulse.leader ?? 'none'}
      </p>
      <div class="row">
        <button
          class="act"
          onClick={() =>
            void run(props.say, post('/api/orchestrator/start', {}), 'orchestrator started')
          }
        >
          start
        </button>
        <button
          class="act"
          onClick={() =>
            void run(props.say, post('/api/orchestrator/stop'), 'orchestrator stopped')
          }
        >
          stop
        </button>
        <input
          style="flex:1"
          placeholder="message to the orchestrator"
          value={msg}
          onInput={(e) => setMsg((e.target as HTMLInputElement).value)}
        />
        <button
          class="act"
          onClick={() =>
            void run(props.say, post('/api/orchestrator/inject', { message: msg }), 'sent')
          }
        >
          inject
        </button>
      </div>
      {[...activity].reverse().map((a) => (
        <div key={a.seq} class="dim">
          {a.ts.slice(11, 19)} {a.kind} {JSON.stringify(a.detail)}
        </div>
      ))}
    </div>
  );
}

/** Horizontal SVG bars: one row per item, scaled to the largest. */
function Bars(props: { title: string; rows: { label: string; value: number; text: string }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <div>
      <b>{props.title}</b>
      <svg class="chart" width="100%" height={props.rows.length * 20 + 4} data-chart={props.title}>
        {props.rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * 20})`}>
            <text x="0" y="14">
              {r.label}
            </text>
            <rect
              class="bar"
              x="90"
              y="3"
              height="14"
              width={`${Math.max(0.5, (r.value / max) * 60)}%`}
            />
            <text x="92%" y="14">
              {r.text}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

export function AnalyticsView() {
  const [a, setA] = useState<Analytics | null>(null);
  useEffect(() => void api<Analytics>('/api/analytics?days=14').then(setA), []);
  if (!a) return <p class="dim">loading…</p>;
  return (
    <div class="cards">
      <Bars
        title="tokens per day"
        rows={a.days.map((d) => ({
          label: d.day.slice(5),
          value: d.tokens,
          text: compact(d.tokens),
        }))}
      />
      <Bars
        title="cost per day"
        rows={a.days.map((d) => ({
          label: d.day.slice(5),
          value: d.costUsd,
          text: `$${d.costUsd.toFixed(2)}`,
        }))}
      />
      <Bars
        title="job durations"
        rows={a.durations
          .slice(0, 14)
          .map((d) => ({ label: d.id, value: d.seconds, text: `${d.seconds}s` }))}
      />
      <Bars
        title="tool usage"
        rows={a.tools.map((t) => ({ label: t.tool, value: t.count, text: String(t.count) }))}
      />
    </div>
  );
}
