import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WRAPPER = fileURLToPath(new URL('../../libexec/run-agent.sh', import.meta.url));

/**
 * A stand-in agent: writes each argument it got, NUL-terminated, to $ARGS_OUT and exits with
 * $AGENT_EXIT. Run as `sh -c SCRIPT agent ARG...`, so "$@" is exactly what the wrapper passed.
 */
const AGENT = 'for a in "$@"; do printf "%s\\0" "$a"; done >"$ARGS_OUT"; exit "${AGENT_EXIT:-0}"';

describe('libexec/run-agent.sh (real sh)', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cc-agent wrapper's-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Run the wrapper; returns its exit status, the agent's argv and the recorded exit file. */
  function run(prompt: string | null, args: string[], exit = 0) {
    const k = ++n;
    const exitFile = join(dir, `job${k}.exit`);
    const argsOut = join(dir, `job${k}.args`);
    let promptFile = '';
    if (prompt !== null) {
      promptFile = join(dir, `job${k}.prompt`);
      writeFileSync(promptFile, prompt);
    }
    const r = spawnSync(
      'sh',
      [WRAPPER, exitFile, promptFile, 'sh', '-c', AGENT, 'agent', ...args],
      {
        env: { PATH: process.env['PATH'], ARGS_OUT: argsOut, AGENT_EXIT: String(exit) },
        encoding: 'utf8',
      },
    );
    const raw = readFileSync(argsOut, 'utf8');
    return {
      status: r.status,
      stderr: r.stderr,
      argv: raw === '' ? [] : raw.slice(0, -1).split('\0'),
      exitFile: readFileSync(exitFile, 'utf8'),
    };
  }

  it('passes the prompt as ONE final argument, byte for byte', () => {
    const prompt = `-dash first "double" 'single' $(touch /tmp/cc-pwned) \`uname\` ; && | > x
second line\ttab \\ backslash \\n 🎉 emoji 中文 *  ?  [a]  ~ $HOME %s %%

`;
    const r = run(prompt, ['--model', 'opus', '--']);
    expect(r.stderr).toBe('');
    expect(r.argv).toEqual(['--model', 'opus', '--', prompt]);
    expect(r.argv.at(-1)?.endsWith('\n\n')).toBe(true);
  });

  it('keeps a prompt made only of newlines, and one that is just a dash', () => {
    expect(run('\n\n\n', []).argv).toEqual(['\n\n\n']);
    expect(run('-', ['--']).argv).toEqual(['--', '-']);
    expect(run('x', ['a b', '']).argv).toEqual(['a b', '', 'x']);
  });

  it('an empty prompt-file argument adds no argument at all', () => {
    expect(run(null, ['--resume', 'abc']).argv).toEqual(['--resume', 'abc']);
    expect(run(null, []).argv).toEqual([]);
  });

  it('records exit status 0 in the exit file and exits 0', () => {
    const r = run('p', [], 0);
    expect(r.status).toBe(0);
    expect(r.exitFile).toBe('0\n');
  });

  it('records a failing status (3) and exits with it; no temp file is left', () => {
    const r = run('p', [], 3);
    expect(r.status).toBe(3);
    expect(r.exitFile).toBe('3\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a program that cannot be run is recorded as 127', () => {
    const exitFile = join(dir, 'missing.exit');
    const r = spawnSync('sh', [WRAPPER, exitFile, '', '/nonexistent/agent-cli', '--x'], {
      env: { PATH: process.env['PATH'] },
    });
    expect(r.status).toBe(127);
    expect(readFileSync(exitFile, 'utf8')).toBe('127\n');
  });
});
