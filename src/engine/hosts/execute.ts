import type { EngineContext } from '../context.js';
import { CcAgentError } from '../errors.js';
import { captureJob } from '../jobs/capture.js';
import { killJob } from '../jobs/kill.js';
import { resumeJob } from '../jobs/resume.js';
import { paneSize, resizePane, terminalInput } from '../jobs/terminal-ops.js';
import { answerDialog, clearJob, sendToJob, type DialogAnswer } from '../jobs/session-ops.js';
import type { RemoteOp } from './remote.js';

/** Each op as this host runs it on its own job, from the JSON arguments the caller sent. */
const OPS: Record<RemoteOp, (ctx: EngineContext, id: string, args: unknown[]) => Promise<unknown>> =
  {
    send: (ctx, id, [text]) => sendToJob(ctx, id, String(text)),
    capture: (ctx, id, [lines, ansi]) =>
      captureJob(ctx, id, Number(lines), { ansi: ansi === true }),
    kill: (ctx, id) => killJob(ctx, id),
    resume: (ctx, id) => resumeJob(ctx, id),
    clear: (ctx, id) => clearJob(ctx, id),
    answer: (ctx, id, [a]) => answerDialog(ctx, id, a as DialogAnswer),
    input: (ctx, id, [data]) => terminalInput(ctx, id, String(data)),
    size: (ctx, id) => paneSize(ctx, id),
    resize: (ctx, id, [cols, rows]) => resizePane(ctx, id, Number(cols), Number(rows)),
  };

const isOp = (op: string): op is RemoteOp => Object.prototype.hasOwnProperty.call(OPS, op);

/**
 * Run what other hosts asked of this host's jobs, oldest first; each once, whoever else looks
 * (claimed by its id). The answer is the op's result as JSON, or "code: message".
 */
export async function runHostCommands(ctx: EngineContext): Promise<number> {
  let ran = 0;
  for (const c of ctx.store.hosts.pending(ctx.jobs.host.id)) {
    if (!ctx.store.hosts.claim(c.id)) continue;
    ran++;
    try {
      if (!isOp(c.op)) throw new CcAgentError('bad_input', `unknown command '${c.op}'`);
      const result = await OPS[c.op](ctx, c.job_id, JSON.parse(c.args) as unknown[]);
      ctx.store.hosts.finish(c.id, { result: JSON.stringify(result ?? null) }, ctx.now());
    } catch (e) {
      const err = e as Error & { code?: string };
      const said = err instanceof CcAgentError ? `${err.code}: ${err.message}` : err.message;
      ctx.store.hosts.finish(c.id, { error: said }, ctx.now());
    }
  }
  return ran;
}
