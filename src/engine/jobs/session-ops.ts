import { CcAgentError } from '../errors.js';
import { backendFor } from '../agents/registry.js';
import type { EngineContext } from '../context.js';
import { lastSeq, waitForHook } from '../events/wait-hook.js';
import { writeAtomic } from '../store/job-files.js';
import { isActive } from '../store/job-types.js';
import type { JobRow } from '../store/jobs-repo.js';
import { findJob } from './lookup.js';
import { reconcile } from './reconcile.js';
import { screenState, waitForScreen } from './screen-wait.js';
import { awaitInputBox, runSlashCommand, submitText } from './submit.js';

const TIMEOUT_MS = 30_000;

/** A job whose agent is alive and can take input; a clear error otherwise. */
export async function liveJob(ctx: EngineContext, id: string): Promise<JobRow> {
  let row = findJob(ctx, id);
  if (isActive(row.status) && !(await ctx.tmux(row.tmux_socket).hasSession(row.tmux_session))) {
    await reconcile(ctx);
    row = findJob(ctx, row.id);
  }
  if (!isActive(row.status)) {
    const how = row.exit_code !== null ? `, exit ${row.exit_code}` : '';
    throw new CcAgentError('not_running', `job ${row.id} is not running (${row.status}${how})`);
  }
  return row;
}

/** Send a message to a running agent as exactly one prompt. */
export async function sendToJob(ctx: EngineContext, id: string, text: string): Promise<void> {
  if (text.length === 0) throw new CcAgentError('bad_input', 'the message is empty');
  await submitText(ctx, await liveJob(ctx, id), text);
}

/**
 * Interrupt any running turn, run the backend's clear command and wait for the agent's own
 * signal that it is done (SessionStart with source "clear", which also names the new session).
 * Returns the new session id when the backend reports one.
 */
export async function clearJob(ctx: EngineContext, id: string): Promise<string | null> {
  const row = await liveJob(ctx, id);
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
  if (!backend.relaysHooks) {
    await awaitInputBox(ctx, row, TIMEOUT_MS);
    return null;
  }
  const started = await waitForHook(
    ctx,
    row.id,
    before,
    (e) =>
      e.event === 'SessionStart' &&
      (JSON.parse(e.payload) as { source?: string }).source === 'clear',
    { timeoutMs: TIMEOUT_MS, what: `waiting for job ${row.id} to finish ${backend.clearCommand}` },
  );
  await awaitInputBox(ctx, row, TIMEOUT_MS);
  return started.session_id;
}

/** Open the agent's usage view, return what it shows, and close it again. */
export async function usageOf(ctx: EngineContext, id: string): Promise<string> {
  const row = await liveJob(ctx, id);
  const backend = backendFor(row.backend);
  const tmux = ctx.tmux(row.tmux_socket);
  await runSlashCommand(ctx, row, backend.usageCommand, TIMEOUT_MS);
  const screen = await waitForScreen(tmux, row.tmux_session, (s) => backend.screen.usage.test(s), {
    timeoutMs: TIMEOUT_MS,
    what: `waiting for job ${row.id} to show ${backend.usageCommand}`,
  });
  await tmux.sendKeys(row.tmux_session, 'Escape');
  return screen;
}

/** Clear the agent's context and give it a new task: faster than kill + start. */
export async function reuseJob(ctx: EngineContext, id: string, prompt: string): Promise<void> {
  if (prompt.trim() === '') throw new CcAgentError('bad_input', 'the prompt is empty');
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
