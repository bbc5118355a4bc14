import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/engine/index.js';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { userPrompts } from '../helpers/demo-transcript.js';
import { jobJson, startDemo } from '../helpers/jobs.js';
import { waitFor } from '../helpers/wait-for.js';

describe('prompts of every size and shape reach the agent', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('prompts');
  });
  afterAll(() => h.cleanup());

  it('a 1 MB prompt arrives intact (beyond the 128 KB argv limit)', async () => {
    const line = 'The quick brown fox — 狐狸 — jumps over "the" lazy $(dog).\n';
    const big = line
      .repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(line)))
      .slice(0, 1024 * 1024 - 10);
    const id = await h.ok(['start', '--agent', 'demo', '-'], { input: big });
    const job = await jobJson(h, id);
    const prompts = await waitFor(
      () => {
        const p = userPrompts(h.home, job.sessionId as string);
        return p.length > 0 ? p : undefined;
      },
      'the 1 MB prompt in the transcript',
      60_000,
    );
    expect(prompts.length).toBe(1);
    expect(Buffer.byteLength(prompts[0] as string)).toBe(Buffer.byteLength(big));
    expect(prompts[0] === big).toBe(true);
  });

  it('two starts in parallel give two distinct running jobs', async () => {
    const [a, b] = await Promise.all([startDemo(h, 'parallel A'), startDemo(h, 'parallel B')]);
    expect(a).not.toBe(b);
    const list = JSON.parse(await h.ok(['jobs', '--json'])) as Job[];
    const ours = list.filter((j) => j.id === a || j.id === b);
    expect(ours.map((j) => j.status)).toEqual(['running', 'running']);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${a}`]).code).toBe(0);
    expect(h.tmux(['has-session', '-t', `=cc-agent-${b}`]).code).toBe(0);
  });

  it('--file and --map inject file contents; --dry-run shows the prompt and argv and creates nothing', async () => {
    const dir = h.tempDir('proj');
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'docs', 'CODEBASE_MAP.md'), '# Map\nauth lives in src/auth.ts\n');
    writeFileSync(join(dir, 'src', 'auth.ts'), 'export const secret = 1;\n');
    writeFileSync(join(dir, 'src', 'util.ts'), 'export const u = 2;\n');
    const before = await h.ok(['jobs', '--json']);
    const plan = JSON.parse(
      await h.ok([
        'start',
        '--agent',
        'demo',
        '--dry-run',
        '--json',
        '-d',
        dir,
        '--map',
        '-f',
        'src/*.ts',
        'Review auth',
      ]),
    ) as { argv: string[]; prompt: string; dir: string };
    expect(plan.dir).toBe(dir);
    expect(plan.prompt).toContain('# Map\nauth lives in src/auth.ts');
    expect(plan.prompt).toContain('<file path="src/auth.ts">\nexport const secret = 1;');
    expect(plan.prompt).toContain('<file path="src/util.ts">');
    expect(plan.prompt.indexOf('Review auth')).toBeGreaterThan(plan.prompt.indexOf('# Map'));
    expect(plan.argv.at(-1)).toBe(plan.prompt);
    expect(plan.argv.at(-2)).toBe('--');
    expect(plan.argv).toEqual(
      expect.arrayContaining([
        '--model',
        'opus',
        '--effort',
        'xhigh',
        '--permission-mode',
        'acceptEdits',
      ]),
    );
    expect(await h.ok(['jobs', '--json'])).toBe(before);

    const id = await h.ok([
      'start',
      '--agent',
      'demo',
      '-d',
      dir,
      '--map',
      '-f',
      'src/auth.ts',
      'Review auth',
    ]);
    const job = await jobJson(h, id);
    expect(job.files).toEqual(['src/auth.ts']);
    const prompts = await waitFor(() => {
      const p = userPrompts(h.home, job.sessionId as string);
      return p.length > 0 ? p : undefined;
    }, 'the injected prompt');
    expect(prompts[0]).toContain('export const secret = 1;');
    expect(prompts[0]).toContain('auth lives in src/auth.ts');
  });

  it('read-only really removes write tools: the agent cannot create a file', async () => {
    const dir = h.tempDir('ro');
    const id = await startDemo(
      h,
      '[[write "created.txt" "nope"]] [[bash "touch touched.txt"]] [[say "tried"]]',
      ['-s', 'read-only', '-d', dir],
    );
    const job = await jobJson(h, id);
    expect(job.argv).toEqual(
      expect.arrayContaining(['--tools', 'Read,Grep,Glob,WebFetch,WebSearch']),
    );
    await waitFor(
      async () => (await h.ok(['capture', id, '100'])).includes('tried'),
      'the read-only agent to finish its turn',
    );
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'created.txt'))).toBe(false);
    expect(existsSync(join(dir, 'touched.txt'))).toBe(false);
  });
});
