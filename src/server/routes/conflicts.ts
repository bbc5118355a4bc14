import { Hono } from 'hono';
import type { Engine, ReleaseTarget } from '../../engine/index.js';
import { CcAgentError } from '../../engine/index.js';
import { flag, jsonBody, text } from '../http.js';

/** File conflicts, leases and merge forecasts (the Conflicts view), and today's spend. */
export function conflictsRoutes(engine: Engine): Hono {
  const r = new Hono();
  r.get('/api/conflicts/open', (c) => c.json(engine.conflicts.open()));
  // The whole report; ?forecast=1 also merges live worktree branches in memory (git).
  r.get('/api/conflicts', async (c) =>
    c.json(
      await engine.conflicts.report({
        all: c.req.query('all') === '1',
        forecast: c.req.query('forecast') === '1',
      }),
    ),
  );
  r.post('/api/conflicts/release', async (c) => {
    const b = await jsonBody(c, ['job', 'file', 'all']);
    const job = text(b, 'job');
    const file = text(b, 'file');
    const all = flag(b, 'all') === true;
    if ([job !== undefined, file !== undefined, all].filter(Boolean).length !== 1) {
      throw new CcAgentError('bad_input', 'release takes one of: job, file, all');
    }
    const target: ReleaseTarget =
      job !== undefined ? { job } : file !== undefined ? { file } : { all: true };
    return c.json({ released: engine.conflicts.release(target) });
  });
  r.get('/api/budget', (c) => c.json(engine.dailyBudget()));
  return r;
}
