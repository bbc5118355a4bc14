import { CcAgentError, parseDuration, type HookEventRecord } from '../engine/index.js';
import { localTime } from '../view/format.js';
import { timelineText } from '../view/timeline.js';
import * as c from './contracts/agents.js';
import { defineCommand } from './types.js';

/** `--since 10m` (a duration ago) or `--since 2026-11-25T10:00` (an instant). */
function sinceMs(text: string): number {
  if (/^\d+(\.\d+)?\s*[smhdw]$/.test(text.trim())) return Date.now() - parseDuration(text);
  const t = Date.parse(text);
  if (Number.isNaN(t)) {
    throw new CcAgentError(
      'bad_input',
      `invalid --since '${text}' (use e.g. 10m, 2h or an ISO date)`,
    );
  }
  return t;
}

export const events = defineCommand(c.events, async (io) => {
  const engine = io.engine();
  const { limit } = io.flags;
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new CcAgentError('bad_input', `invalid --limit '${limit}' (a positive whole number)`);
  }
  const since = io.flags.since === undefined ? undefined : sinceMs(io.flags.since);
  const jobFlag = io.flags.job;
  const print = (e: HookEventRecord): void =>
    io.out(io.flags.json ? JSON.stringify(e) : `${localTime(e.ts)}  ${timelineText(e)}`);
  engine.ingest(); // what the relay spooled, before reading (the timeline is a read)
  const backlog = engine.timeline({ jobId: jobFlag, since, limit });
  backlog.forEach(print);
  if (!io.flags.follow) return 0;
  const jobId = jobFlag === undefined ? undefined : (await engine.get(jobFlag)).id;
  let lastSeq = backlog.at(-1)?.seq ?? 0;
  const off = engine.events.on('hook_event', (e) => {
    if (e.seq <= lastSeq || (jobId !== undefined && e.jobId !== jobId)) return;
    lastSeq = e.seq;
    print(e);
  });
  let stop: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const live = await engine.live({
    onError: (e) => io.err(`cc-agent: ${(e as Error).message}`),
    // The store went from under it (a deleted log): stop, which writes back what it holds.
    onFatal: (e) => {
      io.err(`cc-agent: ${e.message}`);
      stop(1);
    },
  });
  const code = await stopped;
  off();
  await live.stop();
  return code;
});
