/**
 * The TUI's view state as a pure reducer: which panel is shown, what is selected in each,
 * filters, the focus stack (a panel, then a job's detail on top) and the modal stack. Nothing
 * here touches the engine or the terminal, so it is tested without either.
 */
export const PANELS = [
  'jobs',
  'timeline',
  'queue',
  'triggers',
  'approvals',
  'orchestrator',
  'analytics',
  'notifications',
  'split',
] as const;
export type PanelId = (typeof PANELS)[number];

export const PANEL_TITLES: Record<PanelId, string> = {
  jobs: 'Jobs',
  timeline: 'Timeline',
  queue: 'Queue',
  triggers: 'Triggers',
  approvals: 'Approvals',
  orchestrator: 'Orchestrator',
  analytics: 'Analytics',
  notifications: 'Notifications',
  split: 'Split',
};

/** What asks for a line of text: each kind knows what to do with it on Enter. */
export type PromptKind = 'send' | 'reuse' | 'queue-add' | 'filter' | 'palette' | 'mode';

export type Modal =
  | { kind: 'help' }
  | { kind: 'confirm'; message: string; action: ConfirmAction }
  /** `picked`: the palette entry Up/Down selected. */
  | { kind: 'prompt'; prompt: PromptKind; jobId?: string; value: string; picked?: number }
  | { kind: 'new-agent' };

/** Actions that need a yes first. */
export type ConfirmAction =
  | { type: 'kill'; jobId: string }
  | { type: 'clear'; jobId: string }
  | { type: 'queue-remove'; taskId: string }
  | { type: 'mode-activate'; mode: string }
  | { type: 'merge'; jobId: string }
  | { type: 'quit' };

/** `diff`: the job's worktree diff over its detail, `scroll` lines down. */
export type Focus =
  | { kind: 'panel' }
  | { kind: 'detail'; jobId: string }
  | { kind: 'diff'; jobId: string; scroll: number };

export interface ViewState {
  panel: PanelId;
  /** Selected row per panel (an index into that panel's filtered list). */
  selection: Record<PanelId, number>;
  /** Case-insensitive substring filter per panel ('' = none). */
  filters: Record<PanelId, string>;
  /** Bottom is the panel; a job's detail can sit on top of the Jobs panel, its diff on that. */
  focus: Focus[];
  /** Top of the stack gets the keys first. */
  modals: Modal[];
  /** One line for the footer: what just happened, or what went wrong (never a stack trace). */
  status: { text: string; error: boolean } | null;
}

const perPanel = <T>(v: T): Record<PanelId, T> =>
  Object.fromEntries(PANELS.map((p) => [p, v])) as Record<PanelId, T>;

export const initialView = (panel: PanelId = 'jobs'): ViewState => ({
  panel,
  selection: perPanel(0),
  filters: perPanel(''),
  focus: [{ kind: 'panel' }],
  modals: [],
  status: null,
});

export type ViewAction =
  | { type: 'panel'; panel: PanelId }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'move'; delta: number; count: number }
  | { type: 'select'; index: number; count: number }
  | { type: 'open-detail'; jobId: string }
  | { type: 'toggle-diff' }
  | { type: 'back' }
  | { type: 'push-modal'; modal: Modal }
  | { type: 'pop-modal' }
  | { type: 'prompt-value'; value: string }
  | { type: 'prompt-pick'; delta: number; count: number }
  | { type: 'filter'; panel: PanelId; text: string }
  | { type: 'status'; text: string; error?: boolean }
  | { type: 'clear-status' };

const clamp = (i: number, count: number): number =>
  count <= 0 ? 0 : Math.max(0, Math.min(count - 1, i));

export function viewReducer(s: ViewState, a: ViewAction): ViewState {
  switch (a.type) {
    case 'panel':
      // Switching panels leaves any job detail: the panel asked for is what shows.
      return { ...s, panel: a.panel, focus: [{ kind: 'panel' }] };
    case 'cycle': {
      const i = PANELS.indexOf(s.panel);
      const next = PANELS[(i + a.delta + PANELS.length) % PANELS.length] as PanelId;
      return { ...s, panel: next, focus: [{ kind: 'panel' }] };
    }
    case 'move': {
      // In a diff the list keys scroll it: `count` is then how many top lines it can have.
      const top = s.focus.at(-1);
      if (top?.kind === 'diff') return scrollTo(s, top, clamp(top.scroll + a.delta, a.count));
      return {
        ...s,
        selection: { ...s.selection, [s.panel]: clamp(s.selection[s.panel] + a.delta, a.count) },
      };
    }
    case 'select': {
      const top = s.focus.at(-1);
      if (top?.kind === 'diff') return scrollTo(s, top, clamp(a.index, a.count));
      return { ...s, selection: { ...s.selection, [s.panel]: clamp(a.index, a.count) } };
    }
    case 'open-detail':
      return { ...s, focus: [...s.focus, { kind: 'detail', jobId: a.jobId }] };
    case 'toggle-diff': {
      const top = s.focus.at(-1);
      if (top?.kind === 'diff') return { ...s, focus: s.focus.slice(0, -1) };
      if (top?.kind !== 'detail') return s;
      return { ...s, focus: [...s.focus, { kind: 'diff', jobId: top.jobId, scroll: 0 }] };
    }
    case 'back':
      if (s.modals.length > 0) return { ...s, modals: s.modals.slice(0, -1) };
      return s.focus.length > 1 ? { ...s, focus: s.focus.slice(0, -1) } : s;
    case 'push-modal':
      return { ...s, modals: [...s.modals, a.modal] };
    case 'pop-modal':
      return { ...s, modals: s.modals.slice(0, -1) };
    case 'prompt-value': {
      const top = s.modals.at(-1);
      if (top?.kind !== 'prompt') return s;
      // New text, new matches: the pick goes back to the first.
      return { ...s, modals: [...s.modals.slice(0, -1), { ...top, value: a.value, picked: 0 }] };
    }
    case 'prompt-pick': {
      const top = s.modals.at(-1);
      if (top?.kind !== 'prompt') return s;
      const picked = clamp((top.picked ?? 0) + a.delta, a.count);
      return { ...s, modals: [...s.modals.slice(0, -1), { ...top, picked }] };
    }
    case 'filter':
      // A new filter selects the first match.
      return {
        ...s,
        filters: { ...s.filters, [a.panel]: a.text },
        selection: { ...s.selection, [a.panel]: 0 },
      };
    case 'status':
      return { ...s, status: { text: a.text, error: a.error ?? false } };
    case 'clear-status':
      return s.status ? { ...s, status: null } : s;
  }
}

const scrollTo = (s: ViewState, top: Extract<Focus, { kind: 'diff' }>, scroll: number) =>
  scroll === top.scroll ? s : { ...s, focus: [...s.focus.slice(0, -1), { ...top, scroll }] };

/** The job whose detail is open (its live screen or its diff), if one is on top. */
export const detailJob = (s: ViewState): string | undefined => {
  const top = s.focus.at(-1);
  return top?.kind === 'detail' || top?.kind === 'diff' ? top.jobId : undefined;
};

/** The diff on top of the focus stack, if one is open. */
export const openDiff = (s: ViewState): Extract<Focus, { kind: 'diff' }> | undefined => {
  const top = s.focus.at(-1);
  return top?.kind === 'diff' ? top : undefined;
};

/** Rows that match a filter (every word, case-insensitive, anywhere in the row's text). */
export function applyFilter<T>(rows: readonly T[], filter: string, text: (r: T) => string): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const t = text(r).toLowerCase();
    return words.every((w) => t.includes(w));
  });
}

/** The rows a list of `visible` lines shows so that `selected` is always on screen. */
export function windowRows(count: number, selected: number, visible: number) {
  if (visible <= 0 || count === 0) return { start: 0, end: 0 };
  const half = Math.floor(visible / 2);
  const start = Math.max(0, Math.min(selected - half, count - visible));
  return { start, end: Math.min(count, start + visible) };
}
