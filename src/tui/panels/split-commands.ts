import { CcAgentError, type Job } from '../../engine/index.js';
import type { CommandId } from '../keymap.js';
import { act, type CommandContext } from '../use-commands.js';
import { cycleLayout, togglePick } from './split-picks.js';
import { setSplit, splitStore } from './split-store.js';

const SPLIT_COMMANDS = [
  'split-layout',
  'split-pick',
  'split-open',
  'split-close',
  'split-type',
] as const;
type SplitCommand = (typeof SPLIT_COMMANDS)[number];
const isSplit = (c: CommandId): c is SplitCommand =>
  (SPLIT_COMMANDS as readonly string[]).includes(c);

/** After opening or typing: inside tmux the TUI's client moves to the split; outside, how to get there. */
async function show(c: CommandContext, said: string): Promise<string> {
  try {
    await c.engine.split.switchTo();
    return `${said} (tmux prefix + L comes back)`;
  } catch (e) {
    if (!(e instanceof CcAgentError) || e.code !== 'refused') throw e;
    return `${said}: ${splitStore().open?.attachArgv.join(' ') ?? ''}`;
  }
}

/** The Split panel's keys; false when the command is not one of them. */
export function runSplitCommand(c: CommandContext, command: CommandId): boolean {
  if (!isSplit(command)) return false;
  const { engine, dispatch } = c;
  const { picks } = splitStore();
  const job = c.selected as Job | undefined;
  switch (command) {
    case 'split-layout':
      setSplit({ picks: cycleLayout(picks) });
      return true;
    case 'split-pick':
      if (job) setSplit({ picks: togglePick(picks, job.id) });
      return true;
    case 'split-open':
      act(dispatch, async () => {
        const open = await engine.split.open({ layout: picks.layout, jobIds: picks.jobIds });
        setSplit({ open });
        return show(c, `split ${open.layout} open in tmux session ${open.session}`);
      });
      return true;
    case 'split-close':
      act(dispatch, async () => {
        const closed = await engine.split.close();
        setSplit({ open: null });
        return closed ? 'split closed; the agents go on' : 'no split was open';
      });
      return true;
    case 'split-type':
      act(dispatch, async () => {
        if (!job) return 'no agent selected';
        const pane = (await engine.split.state())?.panes.find((p) => p.jobId === job.id);
        const on = !pane?.typing;
        await engine.split.type(job.id, on);
        setSplit({ open: await engine.split.state() });
        return on ? show(c, `typing into ${job.id}'s pane`) : `${job.id}'s pane is read-only again`;
      });
      return true;
  }
}

/** What tmux has open, read once when the panel is shown (another TUI may have opened one). */
export function refreshSplit(c: Pick<CommandContext, 'engine'>): void {
  c.engine.split.state().then(
    (open) => setSplit({ open }),
    () => setSplit({ open: null }),
  );
}
