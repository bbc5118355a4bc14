import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.js';
import { createContext } from '../../src/engine/create-context.js';
import {
  forecastIfDue,
  forecastNow,
  lastForecast,
} from '../../src/engine/leases/forecast-cache.js';
import { realRunner, type ProcessRunner } from '../../src/engine/process/runner.js';
import { gitPlace, type GitPlace } from '../helpers/git-ctx.js';
import { jobRow } from '../helpers/job-row.js';

/**
 * The live engine's merge forecast, against a real repository whose two agent branches
 * conflict: it runs when a worktree agent's activity changes and not again while nothing
 * does (no git at all for an idle engine), and announces a forecast that changed.
 */
describe('the merge forecast on the live engine', () => {
  let place: GitPlace;
  let home: string;
  let ctx: EngineContext;
  let gitCalls: number;
  let announced: number;

  beforeEach(() => {
    place = gitPlace({ 'app.txt': 'base\n' });
    for (const who of ['a', 'b']) {
      place.git(place.repo, 'checkout', '-q', '-b', `cc-agent/${who}`, 'main');
      writeFileSync(join(place.repo, 'app.txt'), `${who}\n`);
      place.git(place.repo, 'commit', '-qam', who);
    }
    place.git(place.repo, 'checkout', '-q', 'main');
    home = mkdtempSync(join(tmpdir(), 'cc-forecast-'));
    gitCalls = 0;
    const counting: ProcessRunner = {
      ...realRunner,
      run: (argv, options) => {
        if (argv[0] === 'git') gitCalls++;
        return realRunner.run(argv, options);
      },
    };
    ctx = createContext({ home, env: place.env, runner: counting });
    announced = 0;
    ctx.events.on('leases_updated', () => announced++);
    for (const who of ['a', 'b']) {
      const worktree = {
        repo: place.repo,
        path: join(place.repo, '.cc-agent', 'worktrees', who),
        branch: `cc-agent/${who}`,
        base: 'main',
        baseRef: 'main',
      };
      ctx.jobs.insert(jobRow(who, { worktree: JSON.stringify(worktree), activity: 'working' }));
    }
  });
  afterEach(() => {
    ctx.store.close();
    rmSync(home, { recursive: true, force: true });
    place.cleanup();
  });

  it('predicts the conflict, once per change of the agents, and announces a new forecast', async () => {
    await forecastIfDue(ctx);
    expect(lastForecast(ctx)).toEqual([
      { repo: place.repo, job: 'a', against: { job: 'b' }, files: ['app.txt'] },
    ]);
    expect(announced).toBe(1);
    const calls = gitCalls;
    expect(calls).toBeGreaterThan(0);
    // Nothing changed: no git at all.
    await forecastIfDue(ctx);
    expect(gitCalls).toBe(calls);
    // A turn ended: forecast again; the same answer is not announced again.
    ctx.jobs.update('b', { activity: 'waiting' });
    await forecastIfDue(ctx);
    expect(gitCalls).toBeGreaterThan(calls);
    expect(announced).toBe(1);
    // On demand (a view opening), whatever the schedule says.
    const before = gitCalls;
    expect(await forecastNow(ctx)).toHaveLength(1);
    expect(gitCalls).toBeGreaterThan(before);
  });

  it('an engine with no worktree agents runs no git', async () => {
    ctx.jobs.update('a', { status: 'completed' });
    ctx.jobs.update('b', { status: 'completed' });
    await forecastIfDue(ctx);
    expect(gitCalls).toBe(0);
    expect(lastForecast(ctx)).toEqual([]);
  });
});
