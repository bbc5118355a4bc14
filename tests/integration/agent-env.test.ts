import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { turnDone } from '../helpers/jobs.js';

/**
 * An agent gets the agent settings of whoever started it, not those the tmux server was born
 * with: the first start makes the server; a later start with another ANTHROPIC_BASE_URL must
 * reach its agent. Variables that would make an agent look nested stay out.
 */
describe("an agent's environment is its starter's", () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('agentenv');
  });
  afterAll(() => h?.cleanup());

  const show =
    '[[bash "printf %s \\"$ANTHROPIC_BASE_URL|$CLAUDECODE|$AWS_REGION\\" > env.txt"]] [[say "shown"]]';

  it('a later start with other settings reaches its own agent', async () => {
    const first = h.tempDir('first');
    const a = await h.ok(['start', '--agent', 'demo', '-d', first, '--', show], {
      env: { ANTHROPIC_BASE_URL: 'http://first.invalid', AWS_REGION: 'eu-west-1' },
    });
    await turnDone(h, a, 'shown');
    const second = h.tempDir('second');
    const b = await h.ok(['start', '--agent', 'demo', '-d', second, '--', show], {
      env: {
        ANTHROPIC_BASE_URL: 'http://second.invalid',
        CLAUDECODE: '1',
        AWS_REGION: 'us-east-2',
      },
    });
    await turnDone(h, b, 'shown');
    expect(readFileSync(join(first, 'env.txt'), 'utf8')).toBe('http://first.invalid||eu-west-1');
    // Before: the server's http://first.invalid and eu-west-1. CLAUDECODE is never passed.
    expect(readFileSync(join(second, 'env.txt'), 'utf8')).toBe('http://second.invalid||us-east-2');
  });
});
