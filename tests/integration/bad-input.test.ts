import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type CliResult, type Harness } from '../helpers/cli-harness.js';

/** One clear line on stderr, a non-zero exit, nothing on stdout. */
function expectOneLineError(r: CliResult, text: string): void {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cc-agent: /);
  expect(lines[0]).toContain(text);
  expect(r.stdout).toBe('');
}

describe('bad input: one clear line, non-zero exit, nothing half-created', () => {
  let h: Harness;
  let tmuxOnlyPath: string;
  beforeAll(() => {
    h = createHarness('bad');
    // A PATH with tmux but no agent CLIs, and one with nothing at all.
    tmuxOnlyPath = h.tempDir('bin');
    const tmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(tmux, join(tmuxOnlyPath, 'tmux'));
  });
  afterAll(() => h.cleanup());

  const noJobs = async (): Promise<void> => {
    expect(JSON.parse(await h.ok(['jobs', '--json']))).toEqual([]);
  };

  it('unknown job id', async () => {
    for (const cmd of [
      ['status'],
      ['kill'],
      ['send'],
      ['capture'],
      ['delete'],
      ['clear'],
      ['output'],
    ]) {
      expectOneLineError(
        await h.cli([...(cmd as string[]), 'deadbeef', ...(cmd[0] === 'send' ? ['hi'] : [])]),
        "no job with id 'deadbeef'",
      );
    }
  });

  it('unknown flag and unknown command exit 2', async () => {
    const r = await h.cli(['start', '--frobnicate', 'x']);
    expectOneLineError(r, 'unknown flag --frobnicate');
    expect(r.code).toBe(2);
    expectOneLineError(await h.cli(['frobnicate']), "unknown command 'frobnicate'");
    await noJobs();
  });

  it('sandbox, reasoning, model and agent outside their lists', async () => {
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-s', 'yolo', 'x']),
      "invalid --sandbox 'yolo'",
    );
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-r', 'extreme', 'x']),
      "invalid --reasoning 'extreme'",
    );
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-m', 'opus; touch x', 'x']),
      'invalid --model',
    );
    expectOneLineError(await h.cli(['start', '--agent', 'gpt', 'x']), "unknown agent 'gpt'");
    await noJobs();
  });

  it('a --dir that does not exist, or is a file', async () => {
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-d', '/no/such/dir', 'x']),
      "--dir '/no/such/dir' does not exist",
    );
    const f = join(h.tempDir('f'), 'file.txt');
    writeFileSync(f, 'x');
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-d', f, 'x']),
      'is not a directory',
    );
    await noJobs();
  });

  it('an empty prompt, a missing prompt, a glob that matches nothing, a binary file, a missing map', async () => {
    expectOneLineError(await h.cli(['start', '--agent', 'demo', '  ']), 'the prompt is empty');
    expectOneLineError(await h.cli(['start', '--agent', 'demo']), 'missing prompt');
    const dir = h.tempDir('p');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([1, 0, 2, 3]));
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-d', dir, '-f', '*.nope', 'x']),
      "--file '*.nope' matched no files",
    );
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-d', dir, '-f', '*.bin', 'x']),
      'refusing binary file blob.bin',
    );
    expectOneLineError(
      await h.cli(['start', '--agent', 'demo', '-d', dir, '--map', 'x']),
      'CODEBASE_MAP.md does not exist',
    );
    await noJobs();
  });

  it('the agent CLI not installed', async () => {
    const r = await h.cli(['start', '--agent', 'claude', 'x'], { env: { PATH: tmuxOnlyPath } });
    expectOneLineError(r, "claude CLI 'claude' is not installed");
    expectOneLineError(
      await h.cli(['start', '--agent', 'codex', 'x'], { env: { PATH: tmuxOnlyPath } }),
      "codex CLI 'codex' is not installed",
    );
    await noJobs();
  });

  it('tmux missing', async () => {
    const empty = h.tempDir('empty');
    mkdirSync(join(empty, 'x'), { recursive: true });
    const r = await h.cli(['start', '--agent', 'demo', 'x'], { env: { PATH: empty } });
    expectOneLineError(r, 'tmux is not installed');
    await noJobs();
  });

  it('bad numbers and durations', async () => {
    expectOneLineError(await h.cli(['clean', '--older-than', 'soon']), "invalid duration 'soon'");
    expectOneLineError(await h.cli(['jobs', '--status', 'dancing']), "invalid --status 'dancing'");
  });
});
