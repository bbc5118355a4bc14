import { useEffect, useState } from 'preact/hooks';
import { ticks } from '../view/pipeline-axis.js';
import {
  columnAt,
  columnsOf,
  initialWindow,
  moveWindow,
  pipelineRows,
  windowRange,
  zoomWindow,
  type PipelineWindow,
} from '../view/pipeline.js';
import type { Live } from './api.js';

/** Drawing units: the SVG scales to the page's width. */
const LABEL = 260;
const BARS = 900;
const ROW = 22;
const AXIS = 24;
/** A job of a few seconds in a day's window still shows. */
const MIN_BAR = 4;

const spanWords = (ms: number): string =>
  ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`;

/**
 * The Pipeline as SVG: the same rows, bars and marks as the TUI's (src/view/pipeline.ts), one
 * rect per job with its kind as a class (`pbar-working`, `pbar-failed`…), hand-overs and queue
 * tasks marked; the window moves a half at a time and zooms a step at a time, over a day.
 */
export function PipelineView(props: { live: Live }) {
  const [w, setW] = useState<PipelineWindow>(initialWindow);
  const [now, setNow] = useState(Date.now());
  // The clock moves the bars of what still runs: redrawn each few seconds, and on any change.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => setNow(Date.now()), [props.live.jobs, props.live.tasks]);
  const range = windowRange(w, now);
  const rows = pipelineRows(props.live.jobs, props.live.tasks, range, now);
  const height = AXIS + rows.length * ROW + 4;
  const move = (fn: (x: PipelineWindow, n: number) => PipelineWindow) => () =>
    setW(fn(w, Date.now()));
  return (
    <section>
      <div class="row">
        <b>Pipeline</b> <span class="dim">{spanWords(w.span)}</span>
        <button onClick={move((x, n) => moveWindow(x, -1, n))}>← earlier</button>
        <button onClick={move((x, n) => moveWindow(x, 1, n))}>later →</button>
        <button onClick={move((x, n) => zoomWindow(x, -1, n))}>zoom in</button>
        <button onClick={move((x, n) => zoomWindow(x, 1, n))}>zoom out</button>
        <button onClick={move((x) => ({ ...x, end: null }))}>now</button>
        <span class="dim">» hand-over · ◆ queue task</span>
      </div>
      {rows.length === 0 ? <p class="dim">no jobs in this window</p> : null}
      <svg
        data-pipeline
        class="pipeline"
        viewBox={`0 0 ${LABEL + BARS} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {ticks(range, BARS, 70).map((t) => (
          <g key={t.at}>
            <line class="ptick" x1={LABEL + t.x} x2={LABEL + t.x} y1={AXIS - 6} y2={height} />
            <text class="paxis" x={LABEL + t.x + 2} y={AXIS - 10}>
              {t.label}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = AXIS + i * ROW;
          const cols = columnsOf(r.from, r.to, range, BARS);
          return (
            <g key={r.job.id} data-row={r.job.id}>
              <text class="plabel" x={0} y={y + 15}>
                {`${r.job.id} ${r.label}`.slice(0, 36)}
              </text>
              {cols ? (
                <rect
                  class={`pbar pbar-${r.kind}`}
                  data-job={r.job.id}
                  x={LABEL + cols.start}
                  y={y + 3}
                  width={Math.max(MIN_BAR, cols.end - cols.start)}
                  height={ROW - 6}
                >
                  <title>{`${r.job.id} · ${r.kind} · ${r.label}`}</title>
                </rect>
              ) : null}
              {r.marks.map((m) => {
                const x = columnAt(m.at, range, BARS);
                return x === null ? null : (
                  <text
                    key={`${m.kind}${m.at}`}
                    class={`pmark pmark-${m.kind}`}
                    x={LABEL + x - (m.kind === 'handover' ? 11 : 4)}
                    y={y + 15}
                  >
                    {m.kind === 'handover' ? '»' : '◆'}
                    <title>{m.label}</title>
                  </text>
                );
              })}
            </g>
          );
        })}
      </svg>
    </section>
  );
}
