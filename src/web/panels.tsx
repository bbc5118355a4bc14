import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ActivityEntry, Analytics, Mode } from '../engine/index.js';
import { asksForHuman } from '../view/attention.js';
import { api, compact, post, run, type Live, type Say } from './api.js';

/**
 * A button that makes one API call and says how it went (`ask`: confirm first). Extra props
 * (data-* for the tests, a title) go to the button.
 */
export function Act(props: {
  say: Say;
  call: () => Promise<unknown>;
  done: string;
  ask?: string;
  title?: string;
  children: ComponentChildren;
  [data: `data-${string}`]: string;
}) {
  const { say, call, done, ask, children, ...rest } = props;
  return (
    <button
      class="act"
      {...rest}
      onClick={() => (!ask || confirm(ask)) && void run(say, call(), done)}
    >
      {children}
    </button>
  );
}

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

export function Triggers(props: { live: Live; say: Say }) {
  const [modes, setModes] = useState<Mode[]>([]);
  useEffect(() => void api<Mode[]>('/api/modes').then(setModes), [props.live.triggers]);
  return (
    <div>
      <div class="row">
        modes:
        {modes.map((m) => (
          <Act
            key={m.name}
            say={props.say}
            title={m.description}
            ask={`Activate ${m.name}? It replaces all triggers.`}
            call={() => post(`/api/modes/${m.name}/activate`)}
            done={`mode ${m.name} active`}
          >
            {m.name}
            {m.active ? ' ✓' : ''}
          </Act>
        ))}
      </div>
      <table>
        <tbody>
          {props.live.triggers.map((t) => (
            <tr key={t.id}>
              <td>
                <Act
                  say={props.say}
                  call={() => post(`/api/triggers/${t.id}/toggle`)}
                  done={`toggled ${t.name}`}
                >
                  {t.enabled ? 'on' : 'off'}
                </Act>
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

export function Approvals(props: { live: Live; say: Say; focus?: string | null }) {
  const pending = props.live.approvals.filter((a) => a.status === 'pending');
  const asking = props.live.jobs.filter(asksForHuman);
  const linked = props.focus ? props.live.approvals.find((a) => a.id === props.focus) : undefined;
  const note =
    linked && linked.status !== 'pending' ? (
      <p class="dim" data-linked={linked.id}>
        approval {linked.id} is already {linked.status}
      </p>
    ) : null;
  if (pending.length === 0 && asking.length === 0)
    return note ?? <p class="dim">nothing waits for you</p>;
  return (
    <table class="approvals">
      {note ? <caption>{note}</caption> : null}
      <tbody>
        {pending.map((a) => (
          <tr key={a.id} data-approval={a.id} class={a.id === props.focus ? 'target' : ''}>
            <td>{a.id}</td>
            <td>trigger {a.triggerName}</td>
            <td>wants {a.action}</td>
            <td class="dim">{a.reason}</td>
            <td>
              {(['approve', 'reject'] as const).map((verdict) => (
                <Act
                  key={verdict}
                  say={props.say}
                  call={() => post(`/api/triggers/approvals/${a.id}/${verdict}`)}
                  done={`${verdict === 'approve' ? 'approved' : 'rejected'} ${a.id}`}
                  {...(verdict === 'approve' ? { 'data-approve': a.id } : {})}
                >
                  {verdict}
                </Act>
              ))}
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
                <Act
                  key={answer}
                  say={props.say}
                  call={() => post(`/api/actions/jobs/${j.id}/answer`, { answer })}
                  done={`answered ${answer}`}
                >
                  {answer}
                </Act>
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
        <Act
          say={props.say}
          call={() => post('/api/orchestrator/start', {})}
          done="orchestrator started"
        >
          start
        </Act>
        <Act
          say={props.say}
          call={() => post('/api/orchestrator/stop')}
          done="orchestrator stopped"
        >
          stop
        </Act>
        <input
          style="flex:1"
          placeholder="message to the orchestrator"
          value={msg}
          onInput={(e) => setMsg((e.target as HTMLInputElement).value)}
        />
        <Act
          say={props.say}
          call={() => post('/api/orchestrator/inject', { message: msg })}
          done="sent"
        >
          inject
        </Act>
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
