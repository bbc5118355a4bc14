import { describe, expect, it } from 'vitest';
import { firstLine } from '../../src/engine/process/git.js';

const r = (stderr: string, stdout = '', code = 128) => ({ code, stdout, stderr });

describe('firstLine (why git failed, in one line)', () => {
  it('takes the fatal line, not the progress git printed before it', () => {
    // What `git worktree add -b <existing> …` prints (git 2.39, LC_ALL=C).
    expect(
      firstLine(
        r(
          "Preparing worktree (new branch 'cc-agent/j6')\nfatal: a branch named 'cc-agent/j6' already exists\n",
        ),
      ),
    ).toBe("a branch named 'cc-agent/j6' already exists");
  });

  it('takes the first error: line and drops the prefix', () => {
    expect(
      firstLine(r("hint: something\nerror: pathspec 'x' did not match\nerror: second\n")),
    ).toBe("pathspec 'x' did not match");
  });

  it('without a marked line, the first non-blank line of stderr, then stdout', () => {
    expect(firstLine(r('\n  \n  usage: git foo  \nmore\n'))).toBe('usage: git foo');
    expect(firstLine(r('', 'CONFLICT (content): Merge conflict in a.txt\n', 1))).toBe(
      'CONFLICT (content): Merge conflict in a.txt',
    );
  });

  it('says the exit status when git printed nothing', () => {
    expect(firstLine(r('', '', 129))).toBe('git exited 129');
    expect(firstLine(r(' \n', '\n', 1))).toBe('git exited 1');
  });

  it('keeps non-ASCII text intact', () => {
    expect(firstLine(r("fatal: '/tmp/répertoire über' does not exist\n"))).toBe(
      "'/tmp/répertoire über' does not exist",
    );
  });
});
