import { Hono } from 'hono';
import type { Engine } from '../../engine/index.js';
import { oneOf } from '../../engine/index.js';
import { flag, jsonBody, queryInt, text } from '../http.js';
import { jobsByAge } from '../snapshot.js';

const ANSWERS = ['yes', 'no', 'always'] as const;

/**
 * Jobs: the same engine calls as the CLI's start, status, send, kill, clear, reuse, delete,
 * diff, merge and resume.
 */
export function jobsRoutes(engine: Engine, cwd: string): Hono {
  const r = new Hono();
  // Paged (newest first) when asked: the page's snapshot holds the newest jobs, this the rest.
  r.get('/api/jobs', (c) => {
    const limit = queryInt(c, 'limit', 1, 1000);
    const offset = queryInt(c, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (limit === undefined && offset === undefined) return c.json(engine.jobsNow());
    const all = jobsByAge(engine);
    c.header('x-total-count', String(all.length));
    return c.json(all.slice(offset ?? 0, (offset ?? 0) + (limit ?? 100)));
  });
  r.get('/api/jobs/:id', async (c) => c.json(await engine.get(c.req.param('id'))));
  r.get('/api/jobs/:id/session', async (c) => c.json(await engine.session(c.req.param('id'))));
  r.get('/api/jobs/:id/capture', async (c) => {
    const lines = queryInt(c, 'lines', 1, 10_000) ?? 200;
    const ansi = c.req.query('ansi') === '1';
    return c.json({ screen: await engine.capture(c.req.param('id'), lines, { ansi }) });
  });
  r.delete('/api/jobs/:id', async (c) =>
    c.json({
      deleted: await engine.delete(c.req.param('id'), { force: c.req.query('force') === '1' }),
    }),
  );
  // A worktree agent's work: its branch state and its diff against the base (plain text).
  r.get('/api/jobs/:id/worktree', async (c) =>
    c.json(await engine.worktrees.state(c.req.param('id'))),
  );
  r.get('/api/jobs/:id/diff', async (c) =>
    c.json({
      diff: await engine.worktrees.diff(c.req.param('id'), { stat: c.req.query('stat') === '1' }),
    }),
  );
  r.post('/api/actions/jobs/:id/merge', async (c) => {
    const result = await engine.worktrees.merge(c.req.param('id'));
    return c.json(result, result.status === 'conflict' ? 409 : 200);
  });
  r.post('/api/actions/jobs/:id/resume', async (c) =>
    c.json(await engine.resume(c.req.param('id'))),
  );

  r.post('/api/actions/jobs', async (c) => {
    const b = await jsonBody(c, [
      'prompt',
      'agent',
      'model',
      'reasoning',
      'sandbox',
      'dir',
      'worktree',
      'base',
    ]);
    // Every field goes through the engine's validation (lists, model pattern, an existing
    // dir) before anything is written; none of it ever reaches a shell.
    const job = await engine.start({
      prompt: text(b, 'prompt', true),
      agent: text(b, 'agent'),
      model: text(b, 'model'),
      reasoning: text(b, 'reasoning'),
      sandbox: text(b, 'sandbox'),
      dir: text(b, 'dir'),
      cwd,
      // worktree: true (named after the job) or a name; the engine checks both fields.
      worktree: typeof b['worktree'] === 'string' ? text(b, 'worktree') : flag(b, 'worktree'),
      base: text(b, 'base'),
    });
    return c.json(job, 201);
  });
  r.post('/api/actions/jobs/:id/send', async (c) => {
    const b = await jsonBody(c, ['message']);
    await engine.send(c.req.param('id'), text(b, 'message', true));
    return c.json({ sent: true });
  });
  r.post('/api/actions/jobs/:id/kill', async (c) => {
    const k = await engine.kill(c.req.param('id'));
    return c.json({ job: k.job, wasRunning: k.wasRunning });
  });
  r.post('/api/actions/jobs/:id/clear', async (c) =>
    c.json({ sessionId: await engine.clear(c.req.param('id')) }),
  );
  r.post('/api/actions/jobs/:id/reuse', async (c) => {
    const b = await jsonBody(c, ['prompt']);
    await engine.reuse(c.req.param('id'), text(b, 'prompt', true));
    return c.json({ reused: true });
  });
  r.post('/api/actions/jobs/:id/answer', async (c) => {
    const b = await jsonBody(c, ['answer']);
    const answer = text(b, 'answer', true);
    const dialog = await engine.answer(c.req.param('id'), oneOf(ANSWERS, answer, 'answer'));
    return c.json({ answered: dialog });
  });
  r.get('/api/timeline', (c) => {
    const since = queryInt(c, 'since', 0, Number.MAX_SAFE_INTEGER);
    const afterSeq = queryInt(c, 'after', 0, Number.MAX_SAFE_INTEGER);
    const limit = queryInt(c, 'limit', 1, 5000);
    return c.json(
      engine.timeline({ jobId: c.req.query('job') || undefined, since, afterSeq, limit }),
    );
  });
  return r;
}
