import { randomBytes } from 'node:crypto';
import { CcAgentError } from '../errors.js';
import { backendFor } from '../agents/registry.js';
import type { EngineContext } from '../context.js';
import type { JobRow } from '../store/jobs-repo.js';
import { screenState, waitForScreen, type ScreenState } from './screen-wait.js';

const INPUT_STATES: readonly ScreenState[] = ['ready', 'busy', 'trust', 'permission', 'usage'];

/**
 * Wait until the agent shows its input box (or a dialog) and return what it shows. Text sent
 * before the agent has switched its terminal to raw mode with bracketed paste would arrive as
 * separate lines, so nothing is sent until this says so.
 */
export async function awaitInputBox(
  ctx: EngineContext,
  row: JobRow,
  timeoutMs: number,
): Promise<ScreenState> {
  const { screen: patterns } = backendFor(row.backend);
  const tmux = ctx.tmux(row.tmux_socket);
  const what = `waiting for job ${row.id} to show its input box`;
  let state = screenState(
    await waitForScreen(
      tmux,
      row.tmux_session,
      (s) => INPUT_STATES.includes(screenState(s, patterns)),
      {
        timeoutMs,
        what,
      },
    ),
    patterns,
  );
  if (state === 'usage') {
    // A leftover /usage dialog would swallow the text: close it first.
    await tmux.sendKeys(row.tmux_session, 'Escape');
    const s = await waitForScreen(
      tmux,
      row.tmux_session,
      (x) => screenState(x, patterns) !== 'usage',
      {
        timeoutMs,
        what,
      },
    );
    state = screenState(s, patterns);
  }
  if (state === 'trust' || state === 'permission') {
    throw new CcAgentError(
      'blocked',
      `job ${row.id} is showing a ${state === 'trust' ? 'folder-trust' : 'permission'} dialog; answer it first (cc-agent attach ${row.id})`,
    );
  }
  return state;
}

/** Submit text as exactly one prompt: one bracketed paste, then Enter as a separate key. */
export async function submitText(
  ctx: EngineContext,
  row: JobRow,
  text: string,
  timeoutMs = 30_000,
): Promise<void> {
  await awaitInputBox(ctx, row, timeoutMs);
  const tmux = ctx.tmux(row.tmux_socket);
  await tmux.paste(row.tmux_session, text, `cc-agent-${row.id}-${randomBytes(3).toString('hex')}`);
  await tmux.sendKeys(row.tmux_session, 'Enter');
}

/**
 * Type a slash command and press Enter once it shows in the input line. Typing `/x` opens the
 * command menu; waiting for the echo (not a fixed pause) makes Enter pick the command itself.
 */
export async function runSlashCommand(
  ctx: EngineContext,
  row: JobRow,
  command: string,
  timeoutMs = 30_000,
): Promise<void> {
  const tmux = ctx.tmux(row.tmux_socket);
  await awaitInputBox(ctx, row, timeoutMs);
  await tmux.sendKeys(row.tmux_session, 'C-u');
  await tmux.typeLiteral(row.tmux_session, command);
  await waitForScreen(tmux, row.tmux_session, (s) => inputLineHas(s, command), {
    timeoutMs,
    what: `waiting for ${command} to appear in job ${row.id}'s input box`,
  });
  await tmux.sendKeys(row.tmux_session, 'Enter');
}

/** The input box is the LAST prompt-marked line: earlier ones echo past prompts. */
const inputLineHas = (screen: string, text: string): boolean =>
  screen
    .split('\n')
    .filter((line) => /^\s*[│|]?\s*[>❯›](\s|$)/.test(line))
    .at(-1)
    ?.includes(text) ?? false;
