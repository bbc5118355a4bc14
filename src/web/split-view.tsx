import { useState } from 'preact/hooks';
import type { Job, SplitLayout } from '../engine/index.js';
import { fillCells, pickCell, SPLIT_GRID, SPLIT_LAYOUT_NAMES } from '../view/split-layout.js';
import { SplitTerminal } from './split-terminal.js';

/**
 * Split terminals (the guide's §5): 1×1, 2×1 or 2×2 live agent terminals side by side, each
 * cell with a picker for its agent. Read-only: a cell sends keystrokes only while its
 * "type here" is on, and only one cell types at a time.
 */
export function SplitView(props: { jobs: readonly Job[] }) {
  const [layout, setLayout] = useState<SplitLayout>('2x2');
  const [picks, setPicks] = useState<(string | null)[]>([]);
  const [typing, setTyping] = useState<number | null>(null);
  const live = props.jobs.filter((j) => j.status === 'running' || j.status === 'pending');
  const cells = fillCells(
    layout,
    picks,
    live.map((j) => j.id),
  );
  const grid = SPLIT_GRID[layout];
  const pick = (i: number, id: string | null): void => {
    setPicks(pickCell(cells, i, id));
    if (typing === i) setTyping(null);
  };
  return (
    <div>
      <div class="row">
        <b>Split</b>
        {SPLIT_LAYOUT_NAMES.map((l) => (
          <button
            key={l}
            type="button"
            class={l === layout ? 'on' : ''}
            data-layout={l}
            onClick={() => {
              setPicks(cells);
              setLayout(l);
              setTyping(null);
            }}
          >
            {l}
          </button>
        ))}
        <span class="dim">
          read-only: keys reach an agent only in the cell whose "type here" is on
        </span>
      </div>
      <div
        class="split-grid"
        style={`grid-template-columns:repeat(${grid.cols},1fr);grid-template-rows:repeat(${grid.rows},1fr)`}
      >
        {cells.map((id, i) => (
          <div class={`split-cell${typing === i ? ' typing' : ''}`} key={i} data-cell={i}>
            <div class="row">
              <select
                data-pick={i}
                value={id ?? ''}
                onChange={(e) => pick(i, (e.target as HTMLSelectElement).value || null)}
              >
                <option value="">(none)</option>
                {live.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.id} · {j.promptPreview.slice(0, 40)}
                  </option>
                ))}
              </select>
              {id ? (
                <label>
                  <input
                    type="checkbox"
                    data-type-here={i}
                    checked={typing === i}
                    onChange={() => setTyping(typing === i ? null : i)}
                  />{' '}
                  type here
                </label>
              ) : null}
            </div>
            <div class="split-box">
              {id ? (
                <SplitTerminal key={id} id={id} typing={typing === i} />
              ) : (
                <p class="dim">no agent</p>
              )}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
