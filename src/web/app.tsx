import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { asksForHuman } from '../view/attention.js';
import { useLive } from './api.js';
import { JobTable, visibleJobs, type SortKey } from './dashboard.js';
import { JobView } from './job-view.js';
import { shortcut } from './keys.js';
import { AnalyticsView, Approvals, Orchestrator, Timeline, Triggers } from './panels.js';
import { Queue } from './queue-panel.js';
import { NotificationsView } from './notifications-view.js';
import { PipelineView } from './pipeline-view.js';
import { titleIn, viewForKey, viewsOf, type ViewId } from '../view/catalogue.js';
import { SplitView } from './split-view.js';
import { ConflictsView } from './conflicts-view.js';
import { budgetBanner, budgetFigure } from '../view/budget.js';
import { hostsLine } from '../view/hosts.js';

/**
 * The views, numbered as the TUI's panels: both come from the one catalogue (src/view/catalogue.ts;
 * the TUI's keymap: 1–9 and 0, j/k, Enter, Esc, /; a job's d and M are in job-view.tsx and
 * diff-view.tsx).
 */
const VIEWS = viewsOf('web');
type View = ViewId;

/** An approval link (notify.command) lands on `/#approval=<id>`: open that approval. */
const linkedApproval = (): string | null => /^#approval=([\w-]+)$/.exec(location.hash)?.[1] ?? null;

function App() {
  const live = useLive();
  const [focus] = useState(linkedApproval);
  const [view, setView] = useState<View>(focus ? 'approvals' : 'jobs');
  const [job, setJob] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('time');
  const [selected, setSelected] = useState(0);
  const [status, setStatus] = useState('');
  const shown =
    view === 'history'
      ? live.jobs.filter((j) => j.status !== 'running' && j.status !== 'pending')
      : live.jobs;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        (document.activeElement as HTMLElement | null)?.blur();
        setJob(null);
        return;
      }
      if (!shortcut(e)) return;
      const numbered = viewForKey('web', e.key);
      if (numbered) {
        setView(numbered.id as View);
        setJob(null);
      } else if (e.key === 'j') setSelected((s) => s + 1);
      else if (e.key === 'k') setSelected((s) => Math.max(0, s - 1));
      else if (e.key === 'Enter' && !job) {
        const id = visibleJobs(shown, filter, sort)[selected]?.id;
        if (id) setJob(id);
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('filter')?.focus();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown, filter, sort, selected, job]);

  if (live.connection === 'no-token') {
    return (
      <main>
        <h2>cc-agent</h2>
        <p>
          Open the URL with the token that <code>cc-agent serve</code> printed (or run{' '}
          <code>cc-agent serve status</code>).
        </p>
      </main>
    );
  }
  const pending = live.approvals.filter((a) => a.status === 'pending').length;
  const asking = live.jobs.filter(asksForHuman).length;
  const running = live.jobs.filter((j) => j.status === 'running').length;
  return (
    <div>
      <header>
        <b>cc-agent</b>
        <span>
          {running} running · {asking} asking · {pending} pending approvals · queue{' '}
          {live.tasks.filter((t) => t.status === 'pending').length} · orch{' '}
          {live.orchestrator?.state ?? '…'}
          {live.conflicts.length > 0 ? ` · ${live.conflicts.length} file conflicts` : ''}
          {budgetFigure(live.budget) ? ` · ${budgetFigure(live.budget)}` : ''}
        </span>
        <span class={live.connection === 'live' ? 'working' : 'failed'}>{live.connection}</span>
      </header>
      {hostsLine(live.hosts) ? <p id="hosts">{hostsLine(live.hosts)}</p> : null}
      {budgetBanner(live.budget) ? (
        <p class="failed" id="budget-banner">
          {budgetBanner(live.budget)}
        </p>
      ) : null}
      <nav>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            data-view={v.id}
            title={v.help}
            class={v.id === view && !job ? 'on' : ''}
            onClick={() => {
              setView(v.id as View);
              setJob(null);
            }}
          >
            {v.key ? `${v.key} ` : ''}
            {titleIn('web', v)}
            {v.id === 'approvals' && pending + asking > 0 ? ` (${pending + asking})` : ''}
            {v.id === 'conflicts' && live.conflicts.length > 0 ? ` (${live.conflicts.length})` : ''}
          </button>
        ))}
      </nav>
      <main>
        {job ? (
          <JobView
            id={job}
            job={live.jobs.find((j) => j.id === job)}
            events={live.events}
            onStatus={setStatus}
          />
        ) : view === 'jobs' || view === 'history' ? (
          <JobTable
            jobs={shown}
            selected={selected}
            filter={filter}
            onFilter={setFilter}
            onOpen={setJob}
            title={view === 'history' ? 'History' : 'Jobs'}
            sort={sort}
            onSort={setSort}
            more={live.more.jobs}
            onMore={() => live.loadMore('jobs')}
            conflicts={live.conflicts}
            hosts={live.hosts}
          />
        ) : view === 'timeline' ? (
          <Timeline live={live} />
        ) : view === 'queue' ? (
          <Queue live={live} say={setStatus} />
        ) : view === 'triggers' ? (
          <Triggers live={live} say={setStatus} />
        ) : view === 'approvals' ? (
          <Approvals live={live} say={setStatus} focus={focus} />
        ) : view === 'orchestrator' ? (
          <Orchestrator live={live} say={setStatus} />
        ) : view === 'analytics' ? (
          <AnalyticsView />
        ) : view === 'notifications' ? (
          <NotificationsView tick={live.noteTick} />
        ) : view === 'pipeline' ? (
          <PipelineView live={live} />
        ) : view === 'split' ? (
          <SplitView jobs={live.jobs} />
        ) : view === 'conflicts' ? (
          <ConflictsView live={live} say={setStatus} />
        ) : null}
      </main>
      {status ? (
        <div class="status" id="status">
          {status}
        </div>
      ) : null}
    </div>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
