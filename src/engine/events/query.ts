import type { EngineContext } from '../context.js';
import type { EventQuery } from '../store/repositories.js';
import type { HookEventRecord } from './emitter.js';

export type { EventQuery } from '../store/repositories.js';

/**
 * The timeline: stored hook events, filtered, in the order they happened. A read: what is
 * still in the spool shows once ingested (the live engine, or `engine.refresh()`).
 */
export const queryEvents = (ctx: EngineContext, q: EventQuery = {}): HookEventRecord[] =>
  ctx.store.hookEvents.query(q);
