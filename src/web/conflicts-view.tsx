import { useEffect, useState } from 'preact/hooks';
import type { ConflictReport } from '../engine/index.js';
import { conflictLine, forecastLine, leaseLine } from '../view/conflicts.js';
import { api, post, run, type Live, type Say } from './api.js';

/**
 * Files two live agents edit at once (the TUI's Conflicts panel, in its words: src/view/
 * conflicts.ts), who holds which file, and the merge conflicts git predicts between live
 * worktree agents' branches. Reloaded whenever a conflict opens or a lease changes.
 */
export function ConflictsView(props: { live: Live; say: Say }) {
  const [report, setReport] = useState<ConflictReport | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    api<ConflictReport>('/api/conflicts?forecast=1').then(setReport, (e: Error) =>
      setError(e.message),
    );
  }, [props.live.conflicts, tick]);
  if (error) return <p class="err">{error}</p>;
  if (report === null) return <p class="dim">loading…</p>;
  const release = (job: string): void =>
    void run(
      props.say,
      post('/api/conflicts/release', { job }).then(() => setTick((t) => t + 1)),
      `released the files ${job} held`,
    );
  const holders = [...new Set(report.leases.map((l) => l.jobId))];
  return (
    <section id="conflicts">
      <h3>Conflicts ({props.live.conflicts.length})</h3>
      {props.live.conflicts.length === 0 ? (
        <p class="dim">no two live agents edit the same file</p>
      ) : null}
      <ul>
        {props.live.conflicts.map((c) => (
          <li key={c.id} data-conflict class="failed">
            {conflictLine(c)}
          </li>
        ))}
      </ul>
      <h3>Leases ({report.leases.length})</h3>
      <ul>
        {report.leases.map((l) => (
          <li key={l.dir} data-lease>
            {leaseLine(l)}
          </li>
        ))}
      </ul>
      {holders.map((j) => (
        <button key={j} data-release={j} onClick={() => release(j)}>
          release {j}
        </button>
      ))}
      <h3>Predicted merge conflicts ({report.forecasts.length})</h3>
      <ul>
        {report.forecasts.map((f) => (
          <li key={`${f.job}-${JSON.stringify(f.against)}`} data-forecast>
            {forecastLine(f)}
          </li>
        ))}
      </ul>
    </section>
  );
}
