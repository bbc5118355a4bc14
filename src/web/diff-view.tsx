import { useEffect, useState } from 'preact/hooks';
import type { Job, WorktreeState } from '../engine/index.js';
// The TUI's diff model (pure): the same line kinds, header and merge wording on both faces.
import { mergeOutcome, parseDiff, worktreeLine, type ParsedDiff } from '../view/diff.js';
import { mergeJob, worktreeOf } from './api.js';
import { shortcut } from './keys.js';

/** Lines drawn at most: a generated file can make a diff too long for one page. */
const MAX_LINES = 5000;

interface Outcome {
  text: string;
  error: boolean;
  conflicts: string[];
}

/**
 * A worktree job's diff against its base, one coloured line per diff line (as text: Preact
 * escapes it), its branch state, and Merge (M, as in the TUI) with the result under it.
 */
export function DiffView(props: { job: Job; onStatus: (s: string) => void }) {
  const { job } = props;
  const [diff, setDiff] = useState<(ParsedDiff & { state: WorktreeState; at: Date }) | null>(null);
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const load = (): Promise<void> =>
    worktreeOf(job.id).then(
      ({ state, diff: text }) => {
        setDiff({ ...parseDiff(text), state, at: new Date() });
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    setDiff(null);
    setOutcome(null);
    void load();
  }, [job.id]);

  const merge = (): void => {
    const w = job.worktree;
    if (!w || busy) return;
    if (!confirm(`Merge ${w.branch} into ${w.baseRef}? (uncommitted work is committed first)`))
      return;
    setBusy(true);
    void mergeJob(job.id)
      .then(
        (r) => {
          const o = mergeOutcome(job.id, r);
          setOutcome({ ...o, conflicts: r.conflicts });
          props.onStatus(o.text);
          return load();
        },
        (e: Error) => {
          setOutcome({ text: e.message, error: true, conflicts: [] });
          props.onStatus(e.message);
        },
      )
      .finally(() => setBusy(false));
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'M' || !shortcut(e)) return;
      e.preventDefault();
      merge();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [job, busy]);

  const shown = diff?.lines.slice(0, MAX_LINES) ?? [];
  return (
    <div class="diff-view" data-diff={job.id}>
      <div class="row">
        <b>{worktreeLine(job, diff?.state)}</b>
        <button class="act" type="button" data-action="refresh" onClick={() => void load()}>
          refresh
        </button>
        <button class="act" type="button" data-action="merge" disabled={busy} onClick={merge}>
          merge
        </button>
        {diff ? <span class="dim">as of {diff.at.toLocaleTimeString()}</span> : null}
      </div>
      {outcome ? (
        <div id="merge-result" class={outcome.error ? 'err' : 'ok'}>
          {outcome.text}
          {outcome.conflicts.length > 0 ? (
            <ul>
              {outcome.conflicts.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <div class="err">{error}</div> : null}
      {!diff ? (
        error ? null : (
          <div class="dim">loading the diff…</div>
        )
      ) : diff.lines.length === 0 ? (
        <div class="dim">no changes since {job.worktree?.base.slice(0, 12)}</div>
      ) : (
        <pre class="diff">
          {shown.map((l, i) => (
            <div key={i} class={`d-${diff.kinds[i] ?? 'context'}`}>
              {l || ' '}
            </div>
          ))}
        </pre>
      )}
      {diff && diff.lines.length > MAX_LINES ? (
        <div class="dim">
          … {diff.lines.length - MAX_LINES} more lines: cc-agent diff {job.id}
        </div>
      ) : null}
    </div>
  );
}
