import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CcAgentError } from '../../src/engine/errors.js';
import { validEffort, validModel } from '../../src/engine/jobs/validate.js';
import { parseCron } from '../../src/engine/triggers/spec.js';
import { errorResponse } from '../../src/server/http.js';
import { errorText } from '../../src/web/api.js';

const thrown = (fn: () => unknown): CcAgentError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CcAgentError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

const LEVELS = 'low, medium, high, xhigh, max';

describe('engine errors carry the field they are about', () => {
  it('keeps the CLI wording as the message, and the field beside it', () => {
    const e = thrown(() => validEffort('extreme'));
    expect(e).toMatchObject({ code: 'bad_input', field: 'reasoning' });
    expect(e.message).toBe(`invalid --reasoning 'extreme' (expected one of: ${LEVELS})`);
    expect(e.naming('Reasoning')).toBe(`invalid Reasoning 'extreme' (expected one of: ${LEVELS})`);
    expect(thrown(() => validModel('-rf')).field).toBe('model');
    const cron = thrown(() => parseCron('61 * * * *'));
    expect(cron.field).toBe('cron');
    expect(cron.message).toMatch(/^invalid cron '61 \* \* \* \*': /);
    expect(new CcAgentError('refused', 'no').naming('x')).toBe('no');
  });

  it('the API names the field by its key and includes it; the page by its label', async () => {
    const app = new Hono();
    app.get('/', (c) =>
      errorResponse(
        c,
        thrown(() => validEffort('extreme')),
      ),
    );
    const res = await app.request('/');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string; code: string };
    expect(body).toEqual({
      error: `invalid reasoning 'extreme' (expected one of: ${LEVELS})`,
      code: 'bad_input',
      field: 'reasoning',
    });
    expect(errorText(body, '400')).toBe(
      `Reasoning: invalid 'extreme' (expected one of: ${LEVELS})`,
    );
    expect(errorText({ error: 'job gone' }, '404')).toBe('job gone');
    expect(errorText({}, '500 Internal')).toBe('500 Internal');
  });
});
