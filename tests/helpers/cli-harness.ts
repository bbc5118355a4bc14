import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTmuxServer } from './tmux-server.js';
import { waitForHomeProcesses } from '../../scripts/lib/home-processes.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(repoRoot, 'bin', 'cc-agent.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * One isolated world per test file: a temp CC_AGENT_HOME, a temp HOME (nothing reaches the
 * real ~/.claude), and a private tmux server. `cleanup` kills the server and removes the dirs.
 */
export interface Harness {
  home: string;
  fakeHome: string;
  socket: string;
  env: NodeJS.ProcessEnv;
  cli(args: readonly string[], options?: RunOptions): Promise<CliResult>;
  /** cli() that must exit 0; returns trimmed stdout. */
  ok(args: readonly string[], options?: RunOptions): Promise<string>;
  tmux(args: readonly string[]): CliResult;
  tempDir(prefix?: string): string;
  cleanup(): void;
}

export function createHarness(name: string): Harness {
  const base = mkdtempSync(join(tmpdir(), `cc-agent-${name}-`));
  const home = join(base, 'home');
  const fakeHome = join(base, 'user');
  const socket = `cc-test-${name}-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: fakeHome,
    CC_AGENT_HOME: home,
    CC_AGENT_TMUX_SOCKET: socket,
    CC_DEMO_SPEED: process.env['CC_DEMO_SPEED'] ?? '4',
  };
  delete env['TMUX'];
  const temps: string[] = [base];
  const cli = (args: readonly string[], options: RunOptions = {}): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], {
        cwd: options.cwd ?? base,
        env: { ...env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          code: code ?? -1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
      child.stdin.end(options.input ?? '');
    });
  return {
    home,
    fakeHome,
    socket,
    env,
    cli,
    async ok(args, options) {
      const r = await cli(args, options);
      if (r.code !== 0) {
        throw new Error(`cc-agent ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
      }
      return r.stdout.trim();
    },
    tmux(args) {
      const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    tempDir(prefix = 'dir') {
      const d = mkdtempSync(join(base, `${prefix}-`));
      return d;
    },
    cleanup() {
      // Never leave a background engine (pulse start, orchestrator start, serve --detach) behind, even when a
      // test failed half-way.
      const pids: number[] = [];
      const pidFile = join(home, 'pulse.pid');
      if (existsSync(pidFile)) pids.push(Number(readFileSync(pidFile, 'utf8')));
      const serveFile = join(home, 'serve.json');
      if (existsSync(serveFile)) {
        pids.push((JSON.parse(readFileSync(serveFile, 'utf8')) as { pid: number }).pid);
      }
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      killTmuxServer(socket);
      // An agent whose session was already closed (kill, orchestrator stop) is known to no tmux
      // server, yet still writes its last files and fires its last hooks as it exits.
      waitForHomeProcesses(home);
      for (const t of temps)
        rmSync(t, { recursive: true, force: true, maxRetries: 30, retryDelay: 100 });
    },
  };
}
