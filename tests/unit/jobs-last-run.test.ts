import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapperScript, type EngineContext } from '../../src/engine/context.js';
import { lastRunsGone } from '../../src/engine/jobs/last-run.js';
import { pathsFor } from '../../src/engine/paths.js';
import { realRunner, type ProcessRunner } from '../../src/engine/process/runner.js';
import { waitFor } from '../helpers/wait-for.js';

let home: string;
let children: ChildProcess[];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc last run '));
  children = [];
});
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

/** The parts lastRunsGone uses: the job paths and the process port. */
const ctxWith = (runner: ProcessRunner = realRunner): EngineContext =>
  ({ paths: pathsFor(home), runner }) as unknown as EngineContext;

/** A process whose argv looks like a pane wrapper's: run-agent.sh and the job's exit file. */
async function fakeWrapper(id: string): Promise<ChildProcess> {
  const exitFile = pathsFor(home).exitFile(id);
  const child = spawn(
    process.execPath,
    ['-e', 'setInterval(() => {}, 1000)', wrapperScript, exitFile],
    {
      stdio: 'ignore',
    },
  );
  children.push(child);
  // Visible to ps once it has started.
  await waitFor(async () => {
    const r = await realRunner.run(['ps', '-eo', 'args=']);
    return r.stdout.includes(exitFile);
  }, 'the fake wrapper in ps');
  return child;
}

describe('lastRunsGone', () => {
  it('returns at once for no jobs, without running ps', async () => {
    const calls: string[][] = [];
    await lastRunsGone(
      ctxWith({
        run: async (argv) => (calls.push([...argv]), { code: 0, stdout: '', stderr: '' }),
      }),
      [],
    );
    expect(calls).toEqual([]);
  });

  it('returns after one look when no wrapper of these jobs is alive', async () => {
    const calls: string[][] = [];
    const runner: ProcessRunner = {
      run: async (argv) => {
        calls.push([...argv]);
        // Another job's wrapper, and something naming this job's exit file but not the wrapper.
        const other = `${wrapperScript} ${pathsFor(home).exitFile('other')}`;
        const lookalike = `tail -f ${pathsFor(home).exitFile('j1')}`;
        return { code: 0, stdout: `${other}\n${lookalike}\n`, stderr: '' };
      },
    };
    await lastRunsGone(ctxWith(runner), ['j1'], 5_000);
    expect(calls).toEqual([['ps', '-eo', 'args=']]);
  });

  it('treats a missing ps as nothing to wait for', async () => {
    const runner: ProcessRunner = {
      run: async () => {
        throw new Error('cannot run ps: ENOENT');
      },
    };
    const t = Date.now();
    await lastRunsGone(ctxWith(runner), ['j1'], 10_000);
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('waits while a real wrapper process of the job lives, and returns once it is gone', async () => {
    const child = await fakeWrapper('j2');
    let looks = 0;
    const counting: ProcessRunner = { run: (argv, o) => (looks++, realRunner.run(argv, o)) };
    let done = false;
    const waiting = lastRunsGone(ctxWith(counting), ['j1', 'j2'], 30_000).then(() => (done = true));
    // Still waiting after three looks at ps that each saw the wrapper.
    await waitFor(() => looks >= 3, 'three looks at ps');
    expect(done).toBe(false);
    child.kill('SIGTERM');
    await waiting;
    expect(done).toBe(true);
  });

  it('gives up after the timeout when the wrapper never goes', async () => {
    await fakeWrapper('j3');
    const t = Date.now();
    await lastRunsGone(ctxWith(), ['j3'], 300);
    const took = Date.now() - t;
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(10_000);
  });
});
