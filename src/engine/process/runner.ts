import { spawn } from 'node:child_process';
import { withUserUmask } from '../private-home.js';

/** What a process call returns. Non-zero exits are data, not exceptions: callers decide. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Bytes written to the child's stdin (then closed). */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * The one port every external process goes through (tmux, agent CLIs, git). Argv in, output
 * out: no shell ever sees user text. Tests swap in a fake that asserts exact argv.
 */
export interface ProcessRunner {
  run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
}

/** Raised only when the program could not be started at all (ENOENT, EACCES). */
export class SpawnError extends Error {
  constructor(
    readonly program: string,
    readonly errno: string,
  ) {
    super(`cannot run ${program}: ${errno}`);
    this.name = 'SpawnError';
  }
}

export const realRunner: ProcessRunner = {
  run(argv, options = {}) {
    const [program, ...args] = argv;
    if (program === undefined) return Promise.reject(new Error('empty argv'));
    return new Promise((resolve, reject) => {
      // tmux (maybe starting the user's server), agents and git make the user's files.
      const child = withUserUmask(() =>
        spawn(program, args, {
          env: options.env ?? process.env,
          cwd: options.cwd,
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
      );
      // Our own timer, not spawn's `timeout`: that one stays armed (and keeps the CLI alive for
      // its full length) when the program cannot be started at all.
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new SpawnError(program, e.code ?? e.message));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
      // EPIPE when the child exits before reading everything is not our failure to report.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  },
};
