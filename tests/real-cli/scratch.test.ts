import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { claudeEnv, ensureClaude, seedClaudeConfig } from '../helpers/real-claude.js';
import { startStubApi, type StubApi } from '../helpers/stub-api.js';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

describe('scratch', () => {
  let h: Harness;
  let stub: StubApi;
  beforeAll(async () => {
    h = createHarness('real');
    stub = await startStubApi();
  });
  afterAll(async () => {
    h.cleanup();
    await stub.close();
  });
  it('runs', async () => {
    const bin = ensureClaude();
    const dir = h.tempDir('proj');
    const cfg = join(h.fakeHome, 'claude-config');
    seedClaudeConfig(cfg, [dir]);
    const env = claudeEnv(bin, stub.url, cfg);
    const snap = async (id: string, label: string, wait: string) => {
      for (let i = 0; i < 40; i++) {
        const cap = await h.cli(['capture', id, '60', '--ansi'], { env });
        const plain = (await h.cli(['capture', id, '60'], { env })).stdout;
        if (plain.includes(wait)) {
          require('node:fs').writeFileSync(`/tmp/real-${label}.txt`, plain);
          require('node:fs').writeFileSync(`/tmp/real-${label}.ansi`, cap.stdout);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      require('node:fs').writeFileSync(
        `/tmp/real-${label}.txt`,
        'TIMEOUT\n' + (await h.cli(['capture', id, '60'], { env })).stdout,
      );
    };
    const a = await h.ok(
      ['start', '--agent', 'claude', '-d', dir, '--', 'busy [[work 6]] [[say "slept"]]'],
      { env },
    );
    await snap(a, 'busy', 'esc to interrupt');
    await snap(a, 'idle', 'slept');
    const b = await h.ok(
      ['start', '--agent', 'claude', '-d', dir, '--', 'perm [[bash "echo hi"]]'],
      { env },
    );
    await snap(b, 'perm', 'Do you want to proceed');
    const other = h.tempDir('untrusted');
    const c = await h.ok(['start', '--agent', 'claude', '-d', other, '--', 'trust me'], { env });
    await snap(c, 'trust', 'trust');
    const d = await h.ok(
      ['start', '--agent', 'claude', '-s', 'read-only', '-d', dir, '--', 'ro [[say "x"]]'],
      { env },
    );
    await snap(d, 'readonly', 'x');
    const e2 = await h.ok(
      [
        'start',
        '--agent',
        'claude',
        '-s',
        'danger-full-access',
        '-d',
        dir,
        '--',
        'dng [[say "y"]]',
      ],
      { env },
    );
    await snap(e2, 'danger', 'y');
    console.log(
      JSON.stringify(
        stub.requests.map((r) => [
          r.userText,
          r.body['model'],
          JSON.stringify(r.body['output_config'] ?? r.body['thinking'] ?? null),
        ]),
      ),
    );
    expect(1).toBe(1);
  }, 120_000);
});
