import { spawn } from 'node:child_process';
import { cliPath, type Harness } from './cli-harness.js';

export interface TimedResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** It had to be killed: still running after `ms`. */
  timedOut: boolean;
  elapsedMs: number;
}

/**
 * Run the real CLI in the harness's world, killed (SIGKILL) if it is still running after `ms`:
 * for attacks whose failure mode is a hang, so the test reports the hang instead of stalling.
 */
export function cliWithin(h: Harness, args: readonly string[], ms: number): Promise<TimedResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: h.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        elapsedMs: Date.now() - started,
      });
    });
  });
}
