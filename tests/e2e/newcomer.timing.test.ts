import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  captureDemo,
  demoRows,
  freshClone,
  readmeCommands,
  removeClone,
  runInstall,
  timeFirstFrame,
  type Clone,
} from '../../scripts/lib/newcomer.mjs';
import { repoRoot } from '../helpers/cli-harness.js';

/**
 * A newcomer's first minute, as the README tells it: a fresh clone of this repository (its
 * committed HEAD), the README's first command — parsed from README.md, so this breaks when the
 * README changes — in a real terminal, and the demo's TUI seen with capture-pane on a private
 * tmux server. Its claim is a time, so it runs alone after the main suite (*.timing.test.ts).
 */
describe('a newcomer on a fresh clone', () => {
  const readme = readmeCommands(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
  let clone: Clone | undefined;
  afterAll(() => {
    if (clone) removeClone(clone);
  });

  it('the README opens with two commands: install and demo, then npm test', () => {
    expect(readme.install).toBe('npm install');
    expect(readme.test).toBe('npm test');
    expect(readme.demo).not.toContain('npx');
  });

  it("the README's first command reaches the demo's first frame within 2 s of npm install finishing", async () => {
    clone = freshClone(repoRoot, 'cc-newcomer');
    const installMs = runInstall(clone, readme.install);
    // Resolves once the TUI also lists the orchestrator and the four simulated agents.
    const { ms, screen, allMs } = await timeFirstFrame(clone, readme.demo);
    process.stdout.write(
      `newcomer: \`${readme.install}\` took ${(installMs / 1000).toFixed(1)} s; ` +
        `\`${readme.demo}\` then showed the demo's first frame after ${ms.toFixed(0)} ms, ` +
        `all five agents after ${allMs.toFixed(0)} ms\n`,
    );
    expect(screen).toMatch(/^cc-agent /m);
    expect(demoRows(captureDemo(clone))).toBe(5);
    expect(ms).toBeLessThan(2_000);
  }, 600_000);
});
