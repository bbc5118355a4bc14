import { Hono } from 'hono';
import type { Engine } from '../../engine/index.js';
import { CcAgentError, oneOf, TASK_STATUSES, type TaskStatus } from '../../engine/index.js';
import { flag, jsonBody, queryInt, text, whole } from '../http.js';

/** The queue, triggers, approvals, modes, orchestrator, pulse, activity and analytics. */
export function autonomyRoutes(engine: Engine, cwd: string): Hono {
  const r = new Hono();
  const q = engine.queue;
  const t = engine.triggers;

  r.get('/api/queue/tasks', (c) => {
    const status = c.req.query('status');
    if (status !== undefined) oneOf(TASK_STATUSES, status, 'status');
    const limit = queryInt(c, 'limit', 1, 1000);
    const offset = queryInt(c, 'offset', 0, Number.MAX_SAFE_INTEGER);
    if (c.req.query('preview') !== '1' && limit === undefined && offset === undefined) {
      return c.json(q.list(status as TaskStatus | undefined));
    }
    // A page of previews: what a live view lists without loading every prompt.
    const page = q.page({ status: status as TaskStatus | undefined, limit, offset });
    c.header('x-total-count', String(page.total));
    return c.json(page.tasks);
  });
  // One task whole: what a preview was cut from.
  r.get('/api/queue/tasks/:id', (c) => c.json(q.get(c.req.param('id'))));
  r.post('/api/queue/tasks', async (c) => {
    const b = await jsonBody(c, ['prompt', 'priority', 'id', 'after', 'budget']);
    // As `queue add --id --after --budget`: the engine checks names, prerequisites and cycles.
    const after = b['after'];
    if (after !== undefined && !(Array.isArray(after) && after.every((a) => typeof a === 'string')))
      throw new CcAgentError('bad_input', "field 'after' must be a list of task ids");
    const budget = b['budget'];
    if (budget !== undefined && typeof budget !== 'number')
      throw new CcAgentError('bad_input', "field 'budget' must be a number of USD");
    const task = q.add(text(b, 'prompt', true), whole(b, 'priority') ?? 0, {
      id: text(b, 'id'),
      after: after as string[] | undefined,
      budget,
    });
    return c.json(task, 201);
  });
  r.delete('/api/queue/tasks/:id', (c) => c.json(q.remove(c.req.param('id'))));
  r.post('/api/queue/tasks/:id/done', async (c) => {
    const b = await jsonBody(c, ['result']);
    return c.json(q.done(c.req.param('id'), text(b, 'result')));
  });
  r.post('/api/queue/tasks/:id/fail', async (c) => {
    const b = await jsonBody(c, ['error']);
    return c.json(q.fail(c.req.param('id'), text(b, 'error')));
  });

  r.get('/api/triggers', (c) => c.json(t.list()));
  r.post('/api/triggers', async (c) => {
    const b = await jsonBody(c, [
      'name',
      'kind',
      'condition',
      'action',
      'payload',
      'autonomy',
      'cooldown',
    ]);
    const payload = b['payload'];
    const trigger = t.add({
      name: text(b, 'name', true),
      kind: text(b, 'kind', true),
      condition: text(b, 'condition', true),
      action: text(b, 'action', true),
      // The payload is JSON: as an object, or as the text the CLI takes.
      payload:
        payload === undefined || typeof payload === 'string'
          ? (payload as string | undefined)
          : JSON.stringify(payload),
      autonomy: text(b, 'autonomy'),
      cooldown: whole(b, 'cooldown'),
      cwd,
    });
    return c.json(trigger, 201);
  });
  r.delete('/api/triggers/:id', (c) => c.json(t.remove(c.req.param('id'))));
  r.post('/api/triggers/:id/toggle', (c) => c.json(t.toggle(c.req.param('id'))));
  r.get('/api/triggers/approvals', (c) => c.json(t.approvals()));
  r.post('/api/triggers/approvals/:id/approve', async (c) =>
    c.json(await t.approve(c.req.param('id'))),
  );
  r.post('/api/triggers/approvals/:id/reject', async (c) =>
    c.json(await t.reject(c.req.param('id'))),
  );

  r.get('/api/modes', (c) => c.json(t.modes()));
  r.post('/api/modes', async (c) => {
    const b = await jsonBody(c, ['name', 'fromCurrent', 'description']);
    return c.json(
      t.createMode(text(b, 'name', true), {
        fromCurrent: flag(b, 'fromCurrent'),
        description: text(b, 'description'),
      }),
      201,
    );
  });
  r.post('/api/modes/:name/activate', (c) => c.json(t.activateMode(c.req.param('name'))));
  r.delete('/api/modes/:name', (c) => c.json(t.deleteMode(c.req.param('name'))));

  const o = engine.orchestrator;
  r.get('/api/orchestrator/status', async (c) => c.json(await o.status()));
  r.post('/api/orchestrator/start', async (c) => {
    const b = await jsonBody(c, ['agent', 'model', 'reasoning', 'dir']);
    const job = await o.start({
      agent: text(b, 'agent'),
      model: text(b, 'model'),
      reasoning: text(b, 'reasoning'),
      dir: text(b, 'dir'),
      cwd,
    });
    return c.json(job, 201);
  });
  r.post('/api/orchestrator/stop', async (c) => c.json(await o.stop()));
  r.post('/api/orchestrator/inject', async (c) => {
    const b = await jsonBody(c, ['message']);
    await o.inject(text(b, 'message', true));
    return c.json({ sent: true });
  });
  r.get('/api/orchestrator/state', (c) => c.json(o.state()));

  r.get('/api/pulse/status', (c) => c.json(engine.pulseStatus()));
  r.get('/api/activity', (c) => c.json(t.activity(queryInt(c, 'limit', 1, 1000) ?? 100)));
  r.get('/api/analytics', (c) => c.json(engine.analytics(queryInt(c, 'days', 1, 730) ?? 14)));
  r.get('/api/health', async (c) => c.json(await engine.health()));
  return r;
}
