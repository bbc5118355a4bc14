import { CcAgentError } from '../errors.js';
import { validText } from './validate.js';
import { backendFor } from '../agents/registry.js';
import type { EngineContext } from '../context.js';
import { lastSeq, waitForHook } from '../events/wait-hook.js';
import { writeAtomic } from '../store/job-files.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { findJob } from './lookup.js';
import { reconcile } from './reconcile.js';
import { agentAlive, reopenJob, sessionGone } from './reopen.js';
import { screenState, waitForScreen } from './screen-wait.js';
import { awaitInputBox, runSlashCommand, submitText } from './submit.js';
import type { Tmux } from '../tmux/tmux.js';

const TIMEOUT_MS = 30_000;

/**
 * A job whose agent can be talked to: an active one, or an ended one whose session is still
 * alive (a worker that printed the done marker waits at its prompt). Otherwise the error says
 * how it ended and how to bring it back. Does not reopen: see reopenJob.
 */
export async function liveJob(ctx: EngineContext, id: string): Promise<JobRow> {
  const row = findJob(ctx, id);
  if (isActive(row.status) || (await agentAlive(ctx, row))) return row;
  throw sessionGone(row);
}

/**
 * Run `fn` on a job whose agent is alive; an ended one is reopened first unless `reopen` is
 * false (a look that says nothing to the agent). No tmux round trip up front for an active job
 * (every CLI call pays for each one): if the agent turns out to be gone, the store catches up
 * and the error says how the job ended.
 */
async function onLiveJob<T>(
  ctx: EngineContext,
  id: string,
  fn: (row: JobRow) => Promise<T>,
  reopen = true,
): Promise<T> {
  const found = await liveJob(ctx, id);
  const row = reopen ? reopenJob(ctx, found) : found;
  try {
    return await fn(row);
  } catch (e) {
    if (e instanceof CcAgentError && e.code === 'not_running') {
      await reconcile(ctx);
      const now = findJob(ctx, row.id);
      if (!isActive(now.status) && !(await agentAlive(ctx, now))) throw sessionGone(now);
    }
    throw e;
  }
}

/** Send a message to a running agent as exactly one prompt. */
export async function sendToJob(ctx: EngineContext, id: string, text: string): Promise<void> {
  await onLiveJob(ctx, id, (row) => submitText(ctx, row, validMessage(text)));
}

/** A message to an agent: refused before anything looks for its job (here or on its host). */
export function validMessage(text: string): string {
  if (text.length === 0) throw new CcAgentError('bad_input', 'the message is empty');
  return validText(text, 'the message');
}

/**
 * Interrupt any running turn, run the backend's clear command and wait for the agent's own
 * signal that it is done (SessionStart with source "clear", which also names the new session).
 * Returns the new session id when the backend reports one.
 */
export function clearJob(ctx: EngineContext, id: string): Promise<string | null> {
  return onLiveJob(ctx, id, (row) => clearRow(ctx, row));
}

async function clearRow(ctx: EngineContext, row: JobRow): Promise<string | null> {
  const backend = backendFor(row.backend);
  const tmux = ctx.tmux(row.tmux_socket);
  if ((await awaitInputBox(ctx, row, TIMEOUT_MS)) === 'busy') {
    // /clear typed mid-turn is only queued; Escape first and wait for the prompt to return.
    await tmux.sendKeys(row.tmux_session, 'Escape');
    await waitForScreen(tmux, row.tmux_session, (s) => screenState(s, backend.screen) !== 'busy', {
      timeoutMs: TIMEOUT_MS,
      what: `waiting for job ${row.id} to stop its turn`,
    });
  }
  const before = lastSeq(ctx, row.id);
  await runSlashCommand(ctx, row, backend.clearCommand, TIMEOUT_MS);
  if (!backend.relaysHooks || backend.clearStartsSession === false) {
    // No SessionStart to wait for (yet): the input box coming back is the signal, and the new
    // session id arrives with the next prompt's SessionStart.
    await awaitInputBox(ctx, row, TIMEOUT_MS);
    return null;
  }
  const started = await waitForHook(
    ctx,
    row.id,
    before,
    (e) => e.event === 'SessionStart' && e.payload['source'] === 'clear',
    { timeoutMs: TIMEOUT_MS, what: `waiting for job ${row.id} to finish ${backend.clearCommand}` },
  );
  await awaitInputBox(ctx, row, TIMEOUT_MS);
  return started.sessionId;
}

/** Open the agent's usage view, return what it shows, and close it again. */
export function usageOf(ctx: EngineContext, id: string): Promise<string> {
  return onLiveJob(
    ctx,
    id,
    async (row) => {
      const backend = backendFor(row.backend);
      const tmux = ctx.tmux(row.tmux_socket);
      await runSlashCommand(ctx, row, backend.usageCommand, TIMEOUT_MS);
      const screen = await waitForScreen(
        tmux,
        row.tmux_session,
        (s) => backend.screen.usage.test(s),
        {
          timeoutMs: TIMEOUT_MS,
          what: `waiting for job ${row.id} to show ${backend.usageCommand}`,
        },
      );
      await tmux.sendKeys(row.tmux_session, 'Escape');
      return screen;
    },
    false,
  );
}

/** Clear the agent's context and give it a new task: faster than kill + start. */
export async function reuseJob(ctx: EngineContext, id: string, prompt: string): Promise<void> {
  if (prompt.trim() === '') throw new CcAgentError('bad_input', 'the prompt is empty');
  validText(prompt, 'the prompt');
  const row = await liveJob(ctx, id);
  await clearJob(ctx, row.id);
  writeAtomic(ctx.paths.prompt(row.id), prompt);
  ctx.jobs.update(row.id, {
    prompt_preview: (prompt.trim().split('\n')[0] ?? '').slice(0, 200),
    prompt_bytes: Buffer.byteLength(prompt),
    summary: null,
    updated_at: ctx.now(),
  });
  await submitText(ctx, findJob(ctx, row.id), prompt);
  ctx.saved(row.id, 'job_updated');
}

export type DialogAnswer = 'yes' | 'no' | 'always';

/**
 * Answer the dialog an agent is showing, as a person at its screen would: the folder-trust
 * select (yes: trust this folder; no: exit) or a tool-permission prompt (yes, always = "don't
 * ask again", no = refuse). Returns which dialog was answered.
 */
export function answerDialog(
  ctx: EngineContext,
  id: string,
  answer: DialogAnswer,
): Promise<'trust' | 'permission'> {
  return onLiveJob(
    ctx,
    id,
    async (found) => {
      const backend = backendFor(found.backend);
      const tmux = ctx.tmux(found.tmux_socket);
      const state = screenState(await tmux.capture(found.tmux_session), backend.screen);
      // An ended job is reopened only when there is a question to answer.
      const row = state === 'trust' || state === 'permission' ? reopenJob(ctx, found) : found;
      if (state === 'trust') {
        if (answer === 'always')
          throw new CcAgentError('bad_input', 'the folder-trust question takes yes or no');
        // Claude Code 2.1's select lists "No, exit" first (and selected), "Yes, I trust" second.
        const yes = backend.trustYesKeys ?? ['Down', 'Enter'];
        await keysOneByOne(tmux, row.tmux_session, answer === 'yes' ? yes : ['Escape']);
        return 'trust';
      }
      if (state === 'permission') {
        await tmux.sendKeys(
          row.tmux_session,
          answer === 'yes' ? '1' : answer === 'always' ? '2' : 'Escape',
        );
        return 'permission';
      }
      throw new CcAgentError(
        'not_running',
        `job ${row.id} is not showing a trust or permission question`,
      );
    },
    false,
  );
}

/**
 * Keys to a select, each once the previous one has shown: sent together, "Down" and "Enter" can
 * reach the agent in one read, which its select takes as one unknown key, so the default
 * ("No, exit") was chosen. Each key but the last waits (up to a second) for the screen to move.
 */
async function keysOneByOne(tmux: Tmux, session: string, keys: readonly string[]): Promise<void> {
  for (const [i, key] of keys.entries()) {
    const before = i < keys.length - 1 ? await tmux.capture(session) : undefined;
    await tmux.sendKeys(session, key);
    if (before === undefined) continue;
    await waitForScreen(tmux, session, (s) => s !== before, {
      timeoutMs: 1000,
      what: `the dialog to take ${key}`,
    }).catch(() => undefined);
  }
}
