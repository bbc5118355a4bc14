import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { EngineContext } from '../../src/engine/context.js';
import {
  MAX_PROMPT_BYTES,
  buildPrompt as build,
  type PromptParts,
} from '../../src/engine/jobs/prompt-builder.js';
import { ignoredFiles } from '../../src/engine/process/git.js';
import { realRunner } from '../../src/engine/process/runner.js';

/** The real rule source: git itself, through the process port. */
const gitCtx = { runner: realRunner, env: process.env } as unknown as EngineContext;
const buildPrompt = (parts: PromptParts) =>
  build(parts, (dir, files) => ignoredFiles(gitCtx, dir, files));

describe('buildPrompt', () => {
  let dir: string;
  const put = (rel: string, content: string | Buffer): void => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-agent-prompt-'));
    put('b.ts', 'export const b = 2;\n');
    put('a.ts', 'export const a = 1;\n');
    put('src/deep/c.ts', 'const c = "$(x)";');
    put('README.md', '# readme');
    put('node_modules/pkg/index.ts', 'ignored');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the bare prompt passes through untouched', async () => {
    const text = `-dash "q" $(x) \`y\`\n\nline 🎉\n`;
    expect(await buildPrompt({ prompt: text, dir })).toEqual({ text, files: [] });
  });

  it('--file globs: sorted relative paths, files after the prompt, node_modules ignored', async () => {
    const built = await buildPrompt({ prompt: 'Review these.', dir, files: ['**/*.ts'] });
    expect(built.files).toEqual(['a.ts', 'b.ts', 'src/deep/c.ts']);
    expect(built.text).toBe(
      [
        'Review these.',
        '<file path="a.ts">\nexport const a = 1;\n\n</file>',
        '<file path="b.ts">\nexport const b = 2;\n\n</file>',
        '<file path="src/deep/c.ts">\nconst c = "$(x)";\n</file>',
      ].join('\n\n'),
    );
  });

  it('the same file matched by several patterns appears once', async () => {
    const built = await buildPrompt({ prompt: 'p', dir, files: ['a.ts', '*.ts', 'a.*'] });
    expect(built.files).toEqual(['a.ts', 'b.ts']);
    expect(built.text.match(/<file path="a.ts">/g)).toHaveLength(1);
  });

  it('a pattern that matches nothing is an error naming it', async () => {
    await expect(buildPrompt({ prompt: 'p', dir, files: ['*.ts', 'nope/*.py'] })).rejects.toThrow(
      expect.objectContaining({
        code: 'refused',
        message: `--file 'nope/*.py' matched no files in ${dir}`,
      }),
    );
  });

  it('a binary file (NUL byte) is refused with a clear message', async () => {
    put('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    await expect(buildPrompt({ prompt: 'p', dir, files: ['*.png'] })).rejects.toThrow(
      expect.objectContaining({
        code: 'refused',
        message: '--file: refusing binary file img.png (only text files can go into a prompt)',
      }),
    );
  });

  it('an empty file is text, not binary', async () => {
    put('empty.txt', '');
    expect((await buildPrompt({ prompt: 'p', dir, files: ['empty.txt'] })).text).toBe(
      'p\n\n<file path="empty.txt">\n\n</file>',
    );
  });

  it('--map without docs/CODEBASE_MAP.md is an error naming the file', async () => {
    await expect(buildPrompt({ prompt: 'p', dir, map: true })).rejects.toThrow(
      expect.objectContaining({
        code: 'refused',
        message: expect.stringContaining(join(dir, 'docs', 'CODEBASE_MAP.md')) as string,
      }),
    );
  });

  it('--map injects the map before the prompt, files after', async () => {
    put('docs/CODEBASE_MAP.md', '# Map\nsrc/ — code');
    const built = await buildPrompt({ prompt: 'Task', dir, map: true, files: ['a.ts'] });
    expect(built.text).toBe(
      [
        '<codebase_map path="docs/CODEBASE_MAP.md">\n# Map\nsrc/ — code\n</codebase_map>',
        'Task',
        '<file path="a.ts">\nexport const a = 1;\n\n</file>',
      ].join('\n\n'),
    );
    expect(built.files).toEqual(['a.ts']);
  });

  it('refuses a prompt over the size cap, with both sizes in the message', async () => {
    put('big.txt', 'x'.repeat(MAX_PROMPT_BYTES));
    expect(MAX_PROMPT_BYTES).toBe(2 * 1024 * 1024);
    const err = await buildPrompt({ prompt: 'p', dir, files: ['big.txt'] }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err?.code).toBe('bad_input');
    const size = MAX_PROMPT_BYTES + 'p\n\n<file path="big.txt">\n\n</file>'.length;
    expect(err?.message).toBe(
      `prompt with its files is ${size} bytes; the limit is ${MAX_PROMPT_BYTES}`,
    );
  });

  it('a prompt exactly at the cap is accepted', async () => {
    const prompt = 'y'.repeat(MAX_PROMPT_BYTES);
    expect((await buildPrompt({ prompt, dir })).text.length).toBe(MAX_PROMPT_BYTES);
  });

  it('--file globs skip what .gitignore excludes, at any level; a pattern matching only those says so', async () => {
    const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
    git('init', '-q');
    put('.gitignore', 'secret/\n*.log\n');
    put('src/.gitignore', 'generated.ts\n');
    put('secret/key.ts', 'const key = "hunter2";');
    put('src/generated.ts', 'export {};');
    put('debug.log', 'noise');
    put('name with spaces.ts', 'export const s = 1;');
    const built = await buildPrompt({ prompt: 'p', dir, files: ['**/*.ts'] });
    expect(built.files).toEqual(['a.ts', 'b.ts', 'name with spaces.ts', 'src/deep/c.ts']);
    expect(built.text).not.toContain('hunter2');
    await expect(buildPrompt({ prompt: 'p', dir, files: ['*.log'] })).rejects.toThrow(
      expect.objectContaining({
        code: 'refused',
        message: "--file '*.log' matched only files .gitignore excludes (debug.log)",
      }),
    );
  });

  it('outside a git repository nothing counts as ignored', async () => {
    put('.gitignore', '*.ts\n');
    const built = await buildPrompt({ prompt: 'p', dir, files: ['a.ts'] });
    expect(built.files).toEqual(['a.ts']);
  });
});
