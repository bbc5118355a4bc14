import { Box, useApp, useInput } from 'ink';
import { useMemo, useReducer, useRef, type Dispatch } from 'react';
import type { Engine, Job } from '../engine/index.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { budgetBanner } from '../view/budget.js';
import { ListView } from './components/list-view.js';
import { useDiff } from './data/use-diff.js';
import { useEngineData } from './data/use-engine-data.js';
import { useForecastOnOpen } from './data/use-forecast.js';
import { maxScroll } from '../view/diff.js';
import { keyName } from './key-name.js';
import { activeScopes, commandFor, hints, KEYMAP, type CommandId } from './keymap.js';
import { Confirm, confirmAnswer } from './modals/confirm.js';
import { ListeningContext, type Listening } from './modals/listening.js';
import { Help } from './modals/help.js';
import { CHROME, MIN_BODY, modalHeight, PROMPT_LABELS } from './modals/layout.js';
import { NewAgentForm, type NewAgent } from './modals/new-agent.js';
import { paletteShown, Prompt, type PaletteEntry } from './modals/prompt.js';
import { editLine, type EditKey } from './view/line-edit.js';
import { panelModel } from './panel-model.js';
import { AnalyticsPanel } from './panels/analytics-panel.js';
import { diffRows } from './panels/diff-pane.js';
import { JobDetail } from './panels/job-detail.js';
import { OrchestratorBlock } from './panels/orchestrator-block.js';
import { PipelinePanel } from './panels/pipeline-panel.js';
import type { PipelineRow, PipelineWindow } from '../view/pipeline.js';
import { runPipelineCommand } from './pipeline-commands.js';
import { runSplitCommand } from './panels/split-commands.js';
import { SplitPanel } from './panels/split-panel.js';
import { act, runCommand, runConfirmed, runPrompt, type CommandContext } from './use-commands.js';
import { useTerminalSize } from './use-terminal-size.js';
import { runMerge, runWorktreeCommand } from './worktree-commands.js';
import {
  detailJob,
  initialView,
  openDiff,
  viewReducer,
  type Modal,
  type PanelId,
  type ViewAction,
  type ViewState,
} from './view/state.js';

export function App(props: { engine: Engine; cwd: string }) {
  const { engine } = props;
  const { exit } = useApp();
  const data = useEngineData(engine);
  const [view, rawDispatch] = useReducer(viewReducer, undefined, () => initialView());
  useForecastOnOpen(engine, view.panel);
  // The state as of the last dispatch, not the last render: keys arrive between the two.
  const latest = useRef<ViewState>(view);
  const dispatch: Dispatch<ViewAction> = (a) => {
    latest.current = viewReducer(latest.current, a);
    rawDispatch(a);
  };
  const listening = useRef<Listening>({ consumed: false }).current;
  const { columns, rows } = useTerminalSize();
  // The panel's rows, built once per (panel, data, filter): the key handler and the render share them.
  const modelCache = useRef<{ key: unknown[]; model: ReturnType<typeof panelModel> }>(undefined);
  const modelOf = (panel: PanelId, d: typeof data, filter: string, w: PipelineWindow) => {
    const key = [panel, d, filter, w];
    const c = modelCache.current;
    if (c && key.every((k, i) => c.key[i] === k)) return c.model;
    const model = panelModel(panel, d, filter, w);
    modelCache.current = { key, model };
    return model;
  };
  const dataRef = useRef(data);
  dataRef.current = data;
  const sizeRef = useRef(rows);
  sizeRef.current = rows;
  const widthRef = useRef(columns);
  widthRef.current = columns;
  // The open diff's text, fetched off the key path: scrolling only moves a window over it.
  const shownDiff = openDiff(view);
  const diffJob = shownDiff && data.jobs.find((j) => j.id === shownDiff.jobId);
  const diff = useDiff(engine, diffJob?.worktree ? diffJob.id : undefined, diffJob?.updatedAt);
  const diffRef = useRef(diff);
  diffRef.current = diff;

  /**
   * What the keys act on, from a view state: the panel's rows after its filter, the selected
   * record, the job in focus. The key handler calls it with the state as of the last dispatch
   * (Ink may still hold the handler of an earlier render when a key arrives).
   */
  function focusOf(v: ViewState) {
    const d = dataRef.current;
    const detailId = detailJob(v);
    const model = modelOf(v.panel, d, v.filters[v.panel], v.pipeline);
    const selectedIndex = Math.min(v.selection[v.panel], Math.max(0, model.rows.length - 1));
    const selected = model.items[selectedIndex];
    const job: Job | undefined = detailId
      ? d.jobs.find((j) => j.id === detailId)
      : v.panel === 'jobs'
        ? (selected as Job | undefined)
        : undefined;
    const bodyHeight = Math.max(
      MIN_BODY,
      sizeRef.current -
        CHROME -
        // The daily budget's banner takes a header line of its own while it shows.
        (budgetBanner(d.budget) ? 1 : 0) -
        modalHeight(v.modals.at(-1), sizeRef.current, widthRef.current),
    );
    // In a diff the list keys scroll: its "rows" are the top lines it can have.
    const diffOpen = openDiff(v) !== undefined;
    const lines = diffOpen ? (diffRef.current?.lines.length ?? 0) : 0;
    const ctx: CommandContext = {
      engine,
      data: d,
      view: v,
      dispatch,
      selected,
      count: diffOpen ? maxScroll(lines, diffRows(bodyHeight)) + 1 : model.rows.length,
      page: diffOpen ? diffRows(bodyHeight) : Math.max(1, bodyHeight - 2),
      job,
      exit,
    };
    const scopes = activeScopes(v.panel, detailId !== undefined, diffOpen);
    return { detailId, model, selectedIndex, job, bodyHeight, ctx, scopes };
  }
  const { detailId, model, selectedIndex, job, bodyHeight, scopes } = useMemo(
    () => focusOf(view),
    [view, data, rows, columns, diff],
  );
  /** A command, the worktree ones first (the general runner does not know them). */
  const run = (ctx: CommandContext, command: CommandId): void => {
    if (
      !runWorktreeCommand(ctx, command) &&
      !runPipelineCommand(ctx, command) &&
      !runSplitCommand(ctx, command)
    ) {
      runCommand(ctx, command);
    }
  };
  const modal = view.modals.at(-1);

  // The one input handler while no modal has the keys: commands from the keymap.
  useInput((input, key) => {
    if (listening.consumed) return; // a modal took this key (and may have closed)
    const top = latest.current.modals.at(-1);
    // Help and confirm have no input of their own: answered here, so no key can slip past.
    if (top?.kind === 'help') return dispatch({ type: 'pop-modal' });
    if (top?.kind === 'confirm') {
      const yes = confirmAnswer(input, key);
      if (yes === undefined) return;
      dispatch({ type: 'pop-modal' });
      if (yes && top.action.type === 'merge') runMerge(engine, dispatch, top.action.jobId);
      else if (yes) runConfirmed(engine, dispatch, top.action, exit);
      return;
    }
    if (top?.kind === 'prompt') return promptKey(top, input, key);
    if (top) return; // the new-agent form has its own handler
    if (latest.current.status) dispatch({ type: 'clear-status' });
    // Keys typed faster than a frame arrive as one string ("jl"): each is its own key.
    const plain = input.length > 1 && !key.ctrl && !key.meta && !key.escape;
    const names = plain
      ? [...input].map((c) => (c === '\r' ? 'enter' : c === ' ' ? 'space' : c))
      : [keyName(input, key)];
    for (const [i, name] of names.entries()) {
      const now = focusOf(latest.current);
      const command = commandFor(now.scopes, name);
      if (command) run(now.ctx, command);
      const opened = latest.current.modals.at(-1);
      if (opened) {
        // "/docs" in one read: the rest is the filter's text.
        if (opened.kind === 'prompt' && i + 1 < names.length) {
          promptKey(opened, names.slice(i + 1).join(''), {});
        }
        return;
      }
    }
  });

  /** A key for the open prompt: edit its line, pick a palette entry, submit or cancel. */
  function promptKey(m: Extract<Modal, { kind: 'prompt' }>, input: string, key: EditKey) {
    // Text and Enter typed faster than a frame arrive as one read ("a1b2c3d4\r").
    const cr = input.length > 1 ? input.indexOf('\r') : -1;
    if (cr >= 0) {
      const typed = editLine(m.value, input.slice(0, cr), {}) ?? m.value;
      return promptKey({ ...m, value: typed }, '', { return: true });
    }
    const isPalette = m.prompt === 'palette' || m.prompt === 'mode';
    if (key.escape) {
      dispatch({ type: 'pop-modal' });
      // Escape on a filter drops it; on anything else it just closes.
      if (m.prompt === 'filter')
        dispatch({ type: 'filter', panel: latest.current.panel, text: '' });
      return;
    }
    if (key.return) {
      dispatch({ type: 'pop-modal' });
      if (m.prompt === 'filter') {
        dispatch({ type: 'filter', panel: latest.current.panel, text: m.value });
      }
      if (isPalette) paletteShown(palette(m), m.value)[m.picked ?? 0]?.run();
      else runPrompt(engine, dispatch, m.prompt, m.value, m.jobId);
      return;
    }
    if (isPalette && (key.upArrow || key.downArrow)) {
      const count = paletteShown(palette(m), m.value).length;
      dispatch({ type: 'prompt-pick', delta: key.upArrow ? -1 : 1, count });
      return;
    }
    const value = editLine(m.value, input, key);
    if (value === undefined) return;
    dispatch({ type: 'prompt-value', value });
    if (m.prompt === 'filter')
      dispatch({ type: 'filter', panel: latest.current.panel, text: value });
  }

  /** The palette's entries: every keymap command, and each mode to activate. */
  function palette(m: Extract<Modal, { kind: 'prompt' }>): PaletteEntry[] {
    const modes = data.modes.map((mode) => ({
      label: `mode: activate ${mode.name}${mode.active ? ' (active)' : ''} — ${mode.description}`,
      run: () =>
        dispatch({
          type: 'push-modal',
          modal: {
            kind: 'confirm',
            message: `Activate mode ${mode.name}? It replaces all triggers.`,
            action: { type: 'mode-activate', mode: mode.name },
          },
        }),
    }));
    if (m.prompt === 'mode') return modes;
    return [
      ...KEYMAP.filter((b) => b.command !== 'palette').map((b) => ({
        label: `${b.description} (${b.keys[0]})`,
        run: () => run(focusOf(latest.current).ctx, b.command),
      })),
      ...modes,
    ];
  }

  const body = detailId ? (
    <JobDetail
      engine={engine}
      job={job}
      jobId={detailId}
      data={data}
      height={bodyHeight}
      width={columns}
      diff={shownDiff ? { data: diff, scroll: shownDiff.scroll } : undefined}
    />
  ) : view.panel === 'split' ? (
    <SplitPanel
      engine={engine}
      model={model}
      selected={selectedIndex}
      height={bodyHeight}
      active={modal === undefined}
    />
  ) : view.panel === 'analytics' ? (
    <AnalyticsPanel engine={engine} width={columns} version={data.jobs} />
  ) : view.panel === 'pipeline' ? (
    <PipelinePanel
      rows={model.items as PipelineRow[]}
      selected={selectedIndex}
      height={bodyHeight}
      width={columns}
      window={view.pipeline}
      now={data.now}
      active={modal === undefined}
    />
  ) : (
    <Box flexDirection="column">
      {view.panel === 'orchestrator' ? <OrchestratorBlock o={data.orchestrator} /> : null}
      <ListView
        rows={model.rows}
        selected={selectedIndex}
        height={bodyHeight - (view.panel === 'orchestrator' ? 4 : 0)}
        header={model.header}
        empty={model.empty}
        active={modal === undefined}
      />
    </Box>
  );

  return (
    <ListeningContext.Provider value={listening}>
      <Box flexDirection="column" width={columns} height={rows}>
        <Header panel={view.panel} data={data} width={columns} />
        <Box flexDirection="column" height={bodyHeight} overflow="hidden">
          {body}
        </Box>
        {modal ? renderModal(modal) : null}
        <Box flexGrow={1} />
        <Footer status={view.status} hints={hints(scopes)} filter={view.filters[view.panel]} />
      </Box>
    </ListeningContext.Provider>
  );

  function renderModal(m: Modal) {
    const pop = (): void => dispatch({ type: 'pop-modal' });
    switch (m.kind) {
      case 'help':
        return <Help rows={rows - CHROME - MIN_BODY} columns={columns} />;
      case 'confirm':
        return <Confirm message={m.message} />;
      case 'new-agent':
        return (
          <NewAgentForm
            initial={{
              prompt: '',
              agent: 'claude',
              model: '',
              reasoning: '',
              sandbox: 'workspace-write',
              dir: props.cwd,
            }}
            onCancel={pop}
            onSubmit={(v: NewAgent) => {
              pop();
              act(dispatch, async () => {
                const j = await engine.start({
                  prompt: v.prompt,
                  agent: v.agent,
                  model: v.model || undefined,
                  reasoning: v.reasoning || undefined,
                  sandbox: v.sandbox,
                  dir: v.dir,
                  cwd: props.cwd,
                });
                return `started ${j.id} (${j.backend})`;
              });
            }}
          />
        );
      case 'prompt': {
        const isPalette = m.prompt === 'palette' || m.prompt === 'mode';
        return (
          <Prompt
            label={
              m.prompt === 'send' || m.prompt === 'reuse'
                ? `${PROMPT_LABELS[m.prompt]} ${m.jobId}`
                : PROMPT_LABELS[m.prompt]
            }
            value={m.value}
            picked={m.picked ?? 0}
            entries={isPalette ? palette(m) : undefined}
          />
        );
      }
    }
  }
}
