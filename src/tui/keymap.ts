import { helpLine, viewsOf } from '../view/catalogue.js';
import type { PanelId } from './view/state.js';

/**
 * Keys as data: this one table drives dispatch, the footer hints and the `?` help overlay.
 * No binding uses Ctrl+B (tmux's prefix); the agents' own keys never reach the TUI's pane.
 */
export type CommandId =
  | 'quit'
  | 'help'
  | 'palette'
  | 'next-panel'
  | 'prev-panel'
  | `panel-${PanelId}`
  | 'filter'
  | 'clear-filter'
  | 'back'
  | 'down'
  | 'up'
  | 'top'
  | 'bottom'
  | 'page-down'
  | 'page-up'
  | 'detail'
  | 'jump'
  | 'peek'
  | 'new-agent'
  | 'send'
  | 'kill'
  | 'clear'
  | 'reuse'
  | 'queue-add'
  | 'queue-remove'
  | 'trigger-toggle'
  | 'mode'
  | 'approve'
  | 'approve-always'
  | 'reject'
  | 'diff'
  | 'merge'
  | 'pipeline-earlier'
  | 'pipeline-later'
  | 'pipeline-zoom-in'
  | 'pipeline-zoom-out'
  | 'pipeline-now'
  | `split-${'layout' | 'pick' | 'open' | 'close' | 'type'}`;

/**
 * Where a binding applies: everywhere, in any list, in one panel, in a job's detail, or in the
 * detail's diff (which scrolls with the list keys).
 */
export type Scope = 'global' | 'list' | 'job' | PanelId | 'detail' | 'diff';

export interface Binding {
  command: CommandId;
  keys: readonly string[];
  description: string;
  scope: Scope;
  /** Shown in the footer (short words) when the scope is active. */
  hint?: string;
}

/** A number key per panel, with its help line: both from the shared catalogue. */
const panelKeys: Binding[] = viewsOf('tui').flatMap((v) =>
  v.key === null
    ? []
    : [
        {
          command: `panel-${v.id as PanelId}` as const,
          keys: [v.key],
          description: helpLine(v),
          scope: 'global' as const,
        },
      ],
);

/** The Pipeline's time window: scrolled a half window at a time, zoomed a step at a time. */
const pipelineKeys: Binding[] = [
  {
    command: 'pipeline-earlier',
    keys: ['h', 'left', '['],
    description: 'earlier',
    scope: 'pipeline',
    hint: 'earlier',
  },
  {
    command: 'pipeline-later',
    keys: ['l', 'right', ']'],
    description: 'later',
    scope: 'pipeline',
    hint: 'later',
  },
  { command: 'pipeline-zoom-in', keys: ['+', '='], description: 'zoom in', scope: 'pipeline' },
  { command: 'pipeline-zoom-out', keys: ['-'], description: 'zoom out', scope: 'pipeline' },
  { command: 'pipeline-now', keys: ['.'], description: 'back to now', scope: 'pipeline' },
];

/** The Split panel: a grid, an agent per pane, opened as a tmux window of read-only panes. */
const SPLIT_KEYS: Binding[] = [
  {
    command: 'split-pick',
    keys: ['space'],
    description: 'put the agent in a split pane, or take it out',
    scope: 'split',
    hint: 'pick',
  },
  {
    command: 'split-layout',
    keys: ['L'],
    description: 'split grid: 1x1, 2x1, 2x2',
    scope: 'split',
    hint: 'layout',
  },
  {
    command: 'split-open',
    keys: ['o'],
    description: 'open the split in tmux (read-only panes)',
    scope: 'split',
    hint: 'open',
  },
  {
    command: 'split-type',
    keys: ['t'],
    description: "type into the agent's split pane, or back to read-only",
    scope: 'split',
    hint: 'type',
  },
  {
    command: 'split-close',
    keys: ['c'],
    description: 'close the split (the agents go on)',
    scope: 'split',
    hint: 'close',
  },
];

export const KEYMAP: readonly Binding[] = [
  // A job's actions: on the Jobs panel's selected row and in its detail view.
  {
    command: 'jump',
    keys: ['enter'],
    description: "jump into the job's tmux session (back: tmux prefix + L)",
    scope: 'job',
    hint: 'jump',
  },
  {
    command: 'detail',
    keys: ['l', 'right'],
    description: 'open the job: live screen, timeline, files',
    scope: 'jobs',
    hint: 'open',
  },
  {
    command: 'peek',
    keys: ['p'],
    description: "peek at the job's session in a tmux popup (read-only; prefix + d closes)",
    scope: 'job',
    hint: 'peek',
  },
  {
    command: 'send',
    keys: ['s'],
    description: 'send the job a message',
    scope: 'job',
    hint: 'send',
  },
  {
    command: 'kill',
    keys: ['x'],
    description: 'kill the job (asks first)',
    scope: 'job',
    hint: 'kill',
  },
  {
    command: 'clear',
    keys: ['c'],
    description: "clear the job's context (asks first)",
    scope: 'job',
  },
  {
    command: 'reuse',
    keys: ['R'],
    description: 'clear the job and give it a new task',
    scope: 'job',
  },
  {
    command: 'new-agent',
    keys: ['n'],
    description: 'start a new agent',
    scope: 'global',
    hint: 'new',
  },
  {
    command: 'queue-add',
    keys: ['a'],
    description: 'add a task to the queue',
    scope: 'queue',
    hint: 'add',
  },
  {
    command: 'queue-remove',
    keys: ['d'],
    description: 'remove the selected task (asks first)',
    scope: 'queue',
    hint: 'remove',
  },
  {
    command: 'trigger-toggle',
    keys: ['t', 'space'],
    description: 'enable or disable the selected trigger',
    scope: 'triggers',
    hint: 'toggle',
  },
  {
    command: 'mode',
    keys: ['m'],
    description: 'activate a mode (replaces all triggers)',
    scope: 'triggers',
    hint: 'mode',
  },
  {
    command: 'approve',
    keys: ['a'],
    description: 'approve the selected approval (or answer yes)',
    scope: 'approvals',
    hint: 'approve',
  },
  {
    command: 'approve-always',
    keys: ['A'],
    description: "answer a permission question: yes, don't ask again",
    scope: 'approvals',
  },
  {
    command: 'reject',
    keys: ['r'],
    description: 'reject the selected approval (or answer no)',
    scope: 'approvals',
    hint: 'reject',
  },
  ...SPLIT_KEYS,
  { command: 'down', keys: ['j', 'down'], description: 'next row', scope: 'list' },
  { command: 'up', keys: ['k', 'up'], description: 'previous row', scope: 'list' },
  { command: 'top', keys: ['g', 'home'], description: 'first row', scope: 'list' },
  { command: 'bottom', keys: ['G', 'end'], description: 'last row', scope: 'list' },
  { command: 'page-down', keys: ['ctrl+d', 'pagedown'], description: 'a page down', scope: 'list' },
  { command: 'page-up', keys: ['ctrl+u', 'pageup'], description: 'a page up', scope: 'list' },
  { command: 'filter', keys: ['/'], description: 'filter the list', scope: 'list', hint: 'filter' },
  // In a job's detail Escape goes back first (the detail scope is searched before the list's).
  { command: 'clear-filter', keys: ['escape'], description: 'clear the filter', scope: 'list' },
  {
    command: 'diff',
    keys: ['d'],
    description: "the job's worktree diff (j/k g/G PgUp/PgDn scroll), or its live screen again",
    scope: 'detail',
    hint: 'diff',
  },
  {
    command: 'merge',
    keys: ['M'],
    description: "merge the job's worktree branch into its base (shows the diff, asks first)",
    scope: 'detail',
    hint: 'merge',
  },
  {
    command: 'back',
    keys: ['escape', 'h', 'left'],
    description: 'back (close the diff, the detail, a dialog)',
    scope: 'detail',
    hint: 'back',
  },
  { command: 'next-panel', keys: ['tab'], description: 'next panel', scope: 'global' },
  { command: 'prev-panel', keys: ['shift+tab'], description: 'previous panel', scope: 'global' },
  ...panelKeys,
  ...pipelineKeys,
  {
    command: 'palette',
    keys: ['ctrl+k'],
    description: 'command palette',
    scope: 'global',
    hint: 'palette',
  },
  { command: 'help', keys: ['?'], description: 'all keys', scope: 'global', hint: 'help' },
  {
    command: 'quit',
    keys: ['q', 'ctrl+c'],
    description: 'quit (agents keep running)',
    scope: 'global',
    hint: 'quit',
  },
];

/**
 * The scopes active for a panel, innermost first (a detail view over the Jobs panel; a diff
 * over the detail, scrolled like a list).
 */
export function activeScopes(panel: PanelId, detail: boolean, diff = false): Scope[] {
  if (diff) return ['diff', 'detail', 'job', 'list', 'global'];
  if (detail) return ['detail', 'job', 'global'];
  return panel === 'jobs' ? ['jobs', 'job', 'list', 'global'] : [panel, 'list', 'global'];
}

/** Commands a scope turns off in the scopes under it: a diff's lines are not rows to filter. */
const MASKED: Partial<Record<Scope, readonly CommandId[]>> = { diff: ['filter', 'clear-filter'] };

const live = (scopes: readonly Scope[]): ((b: Binding) => boolean) => {
  const off = new Set(scopes.flatMap((s) => MASKED[s] ?? []));
  return (b) => !off.has(b.command);
};

/** The command a key runs in these scopes: the innermost binding wins. */
export function commandFor(scopes: readonly Scope[], key: string): CommandId | undefined {
  const on = live(scopes);
  for (const scope of scopes) {
    const hit = KEYMAP.find((b) => b.scope === scope && b.keys.includes(key) && on(b));
    if (hit) return hit.command;
  }
  return undefined;
}

/** Footer hints for the active scopes: `enter jump · s send · …`. */
export function hints(scopes: readonly Scope[]): string[] {
  const on = live(scopes);
  return scopes.flatMap((scope) =>
    KEYMAP.filter((b) => b.scope === scope && b.hint && on(b)).map((b) => `${b.keys[0]} ${b.hint}`),
  );
}
