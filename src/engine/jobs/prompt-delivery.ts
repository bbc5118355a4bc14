import type { EngineContext } from '../context.js';
import { submitText } from './submit.js';

/**
 * Prompts up to this size go to the agent as one argv element at launch. Linux caps a single
 * argument at 128 KiB (MAX_ARG_STRLEN), so larger prompts are pasted once the agent is up.
 */
export const ARGV_PROMPT_LIMIT = 100_000;

export async function deliverLargePrompt(
  ctx: EngineContext,
  id: string,
  prompt: string,
): Promise<void> {
  const row = ctx.jobs.get(id);
  if (!row) return;
  await submitText(ctx, row, prompt, 60_000);
}
