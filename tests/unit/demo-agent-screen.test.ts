import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fit, Screen, style, visibleLength } from '../../src/demo-agent/screen.js';

/** A real Screen over a stream that keeps everything written to it. */
function screenOn(columns: number | undefined): { screen: Screen; written: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString('utf8')));
  const stream = Object.assign(out, { columns }) as unknown as NodeJS.WriteStream;
  // PassThrough emits 'data' synchronously on write while flowing: no waiting needed.
  return { screen: new Screen(stream), written: () => text };
}

describe('demo-agent style', () => {
  it('wraps text in the SGR codes Claude Code uses and resets only what it set', () => {
    expect(style.dim('a')).toBe('\x1b[2ma\x1b[22m');
    expect(style.bold('a')).toBe('\x1b[1ma\x1b[22m');
    expect(style.accent('❯')).toBe('\x1b[38;5;174m❯\x1b[39m');
    expect(style.green('ok')).toBe('\x1b[32mok\x1b[39m');
    expect(style.red('')).toBe('\x1b[31m\x1b[39m');
  });

  it('visibleLength ignores colour codes, nested ones included', () => {
    expect(visibleLength(style.dim(style.red('abc')))).toBe(3);
    expect(visibleLength('')).toBe(0);
    expect(visibleLength('\x1b[38;5;174m❯\x1b[39m x')).toBe(3);
  });
});

describe('demo-agent fit', () => {
  it('keeps text that fits, exactly at the limit included', () => {
    expect(fit('hello', 5)).toBe('hello');
    expect(fit('hello', 80)).toBe('hello');
    expect(fit('', 3)).toBe('');
  });

  it('cuts ASCII one cell early to make room for the ellipsis', () => {
    expect(fit('hello world', 5)).toBe('hell…');
    expect(fit('abcdef', 1)).toBe('…');
  });

  it('counts CJK and emoji as two cells', () => {
    // 中文字 is 6 cells: at 5 the third character does not fit.
    expect(fit('中文字', 5)).toBe('中…');
    expect(fit('中文字', 6)).toBe('中文字');
    expect(fit('한국어', 4)).toBe('한…');
    expect(fit('😀😀', 4)).toBe('😀😀');
  });

  it('never leaves half of a surrogate pair when the cut falls after an emoji', () => {
    const cut = fit('a😀bc', 3);
    // Every code unit must belong to a whole character (no lone surrogate).
    expect(/[\ud800-\udfff]/.test(cut.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))).toBe(false);
    expect(cut).toBe('a…');
    expect(fit('x😀😀yz', 5)).toBe('x😀…');
  });

  it('cuts a long line to at most the width (measured in cells)', () => {
    const long = 'é'.repeat(10_000);
    const cut = fit(long, 79);
    expect(cut.length).toBe(79);
    expect(cut.endsWith('é…')).toBe(true);
  });
});

describe('demo-agent Screen', () => {
  it('takes the width from the terminal, one column spare, never below 20', () => {
    expect(screenOn(120).screen.cols).toBe(119);
    expect(screenOn(10).screen.cols).toBe(20);
    expect(screenOn(undefined).screen.cols).toBe(79);
  });

  it('commits lines with CR LF and an erase-to-end-of-line after each', () => {
    const { screen, written } = screenOn(80);
    screen.commit(['one', 'two']);
    expect(written()).toBe('one\x1b[K\r\ntwo\x1b[K\r\n');
  });

  it('redraws the live region in place: up n-1 lines, carriage return, erase below', () => {
    const { screen, written } = screenOn(80);
    screen.render(['a', 'b', 'c']);
    expect(written()).toBe('a\r\nb\r\nc');
    screen.render(['d']);
    expect(written()).toBe('a\r\nb\r\nc\x1b[2A\r\x1b[Jd');
    // One drawn line: no cursor-up, just back to column 0 and erase.
    screen.render(['e', 'f']);
    expect(written().endsWith('d\r\x1b[Je\r\nf')).toBe(true);
  });

  it('commits above the live region and paints it again below', () => {
    const { screen, written } = screenOn(80);
    screen.render(['live 1', 'live 2']);
    screen.commit(['done']);
    expect(written()).toBe('live 1\r\nlive 2\x1b[1A\r\x1b[Jdone\x1b[K\r\nlive 1\r\nlive 2');
  });

  it('reset clears screen and scrollback and forgets what was drawn', () => {
    const { screen, written } = screenOn(80);
    screen.render(['x', 'y']);
    screen.reset();
    screen.render(['z']);
    // After the reset nothing is erased first: the screen is already blank.
    expect(written()).toBe('x\r\ny\x1b[2J\x1b[3J\x1b[Hz');
  });

  it('an empty live region draws nothing and erases nothing next time', () => {
    const { screen, written } = screenOn(80);
    screen.render([]);
    screen.commit(['only']);
    expect(written()).toBe('only\x1b[K\r\n');
  });
});
