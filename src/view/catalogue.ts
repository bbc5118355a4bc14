/**
 * The one catalogue of views: every face's navigation, number keys and help come from it, so
 * the TUI's tabs and the page's nav cannot drift apart (they did: `notifications` vs `history`).
 */
export type Face = 'tui' | 'web';

export interface ViewEntry {
  id: string;
  /** What the tab (TUI) and the nav button (page) say. */
  title: string;
  /** A shorter word for a tab bar that has no room for every title. */
  short?: string;
  /** The page's own word where it differs (its job list is the dashboard). */
  webTitle?: string;
  /** The key that shows it (a number, or C), in both faces; null: reached from the nav only. */
  key: string | null;
  /** One line for the help: what the view shows. */
  help: string;
  faces: readonly Face[];
}

const BOTH = ['tui', 'web'] as const;
const WEB = ['web'] as const;

export const CATALOGUE = [
  { id: 'jobs', title: 'Jobs', webTitle: 'Dashboard', key: '1', help: 'every agent', faces: BOTH },
  { id: 'timeline', title: 'Timeline', short: 'Time', key: '2', help: 'hook events', faces: BOTH },
  { id: 'queue', title: 'Queue', key: '3', help: 'tasks to do', faces: BOTH },
  {
    id: 'triggers',
    title: 'Triggers',
    short: 'Trig',
    key: '4',
    help: 'rules that act',
    faces: BOTH,
  },
  { id: 'approvals', title: 'Approvals', key: '5', help: 'what waits for you', faces: BOTH },
  {
    id: 'orchestrator',
    title: 'Orchestrator',
    short: 'Orch',
    key: '6',
    help: 'its state',
    faces: BOTH,
  },
  { id: 'analytics', title: 'Analytics', key: '7', help: 'charts', faces: BOTH },
  // Before Notifications, which stays the last panel (Tab wraps to it) and keeps its key 8.
  // The number keys are all taken: Conflicts has a capital C (no panel uses it).
  {
    id: 'conflicts',
    title: 'Conflicts',
    short: 'Conf',
    key: 'C',
    help: 'clashing edits',
    faces: BOTH,
  },
  {
    id: 'pipeline',
    title: 'Pipeline',
    short: 'Pipe',
    key: '9',
    help: 'jobs on a time axis',
    faces: BOTH,
  },
  { id: 'split', title: 'Split', key: '0', help: 'agents side by side', faces: BOTH },
  { id: 'notifications', title: 'Notifications', key: '8', help: 'what happened', faces: BOTH },
  {
    id: 'history',
    title: 'History',
    key: null,
    help: 'finished jobs',
    faces: WEB,
  },
] as const satisfies readonly ViewEntry[];

export type ViewId = (typeof CATALOGUE)[number]['id'];
/** The views the TUI has: its panels. */
export type TuiViewId = Extract<(typeof CATALOGUE)[number], { faces: typeof BOTH }>['id'];

/** The views a face has, in catalogue order. */
export const viewsOf = (face: Face): readonly ViewEntry[] =>
  CATALOGUE.filter((v: ViewEntry) => v.faces.includes(face));

/** The view a number key shows in a face, if any. */
export const viewForKey = (face: Face, key: string): ViewEntry | undefined =>
  viewsOf(face).find((v) => v.key === key);

/** The title a face gives a view. */
export const titleIn = (face: Face, v: ViewEntry): string =>
  face === 'web' ? (v.webTitle ?? v.title) : v.title;

/** What the help says a view's key does. */
export const helpLine = (v: ViewEntry): string => `${v.title}: ${v.help}`;
