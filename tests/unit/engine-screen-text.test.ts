import { describe, expect, it } from 'vitest';
import { claudeScreen } from '../../src/engine/agents/claude.js';
import { codexBackend } from '../../src/engine/agents/codex.js';
import { lastLines } from '../../src/engine/jobs/capture.js';
import { screenState } from '../../src/engine/jobs/screen-wait.js';
import { stripAnsi } from '../../src/engine/jobs/strip-ansi.js';

describe('stripAnsi', () => {
  it('removes SGR colours and keeps the text, tabs and newlines', () => {
    expect(stripAnsi('\x1b[1;31mred\x1b[0m\tplain\n\x1b[38;5;208morange\x1b[m')).toBe(
      'red\tplain\norange',
    );
  });

  it('removes cursor movement, private modes and erase sequences', () => {
    expect(stripAnsi('\x1b[?25l\x1b[2K\x1b[1G\x1b[3A> hi\x1b[?2004h\x1b[?25h')).toBe('> hi');
  });

  it('removes OSC sequences ended by BEL or by ST', () => {
    expect(stripAnsi('\x1b]0;window title\x07a\x1b]8;;https://x.y\x1b\\link\x1b]8;;\x1b\\b')).toBe(
      'alinkb',
    );
  });

  it('removes two-byte escapes and stray control bytes, keeps \\r and non-ASCII', () => {
    expect(stripAnsi('\x1bMup\x1b\\\x00\x07\x08\x7fok\r\n🎉 中文 é')).toBe('upok\r\n🎉 中文 é');
  });

  it('removes save/restore cursor, charset designation, keypad modes, reset and DCS strings', () => {
    expect(stripAnsi('\x1b7a\x1b8\x1b(B\x1b[m\x1b=\x1b>b\x1bc\x1bPq#0;1\x1b\\c\x1b#8')).toBe('abc');
  });

  it('leaves plain text alone', () => {
    const text = 'no escapes here: [1m] ~ 100% $(x) `y`\n';
    expect(stripAnsi(text)).toBe(text);
  });
});

describe('lastLines', () => {
  it('returns the last n rows with trailing blank rows trimmed', () => {
    expect(lastLines('a\nb\nc\nd\n\n   \n\n', 2)).toBe('c\nd');
  });

  it('zero rows asked, zero rows given', () => {
    expect(lastLines('a\nb', 0)).toBe('');
  });

  it('drops carriage returns (CRLF pane output)', () => {
    expect(lastLines('one\r\ntwo\r\nthree\r\n', 2)).toBe('two\nthree');
  });

  it('returns everything when n exceeds the rows; blank rows inside are kept', () => {
    expect(lastLines('a\n\nb', 50)).toBe('a\n\nb');
    expect(lastLines('', 5)).toBe('');
    expect(lastLines('\n\n\n', 5)).toBe('');
  });
});

/** What Claude Code 2.1 draws in each state (trimmed rows of a 200-column pane). */
const SCREENS = {
  ready: [
    '╭──────────────────────────────────────────╮',
    '│ >                                        │',
    '╰──────────────────────────────────────────╯',
    '  ? for shortcuts',
  ].join('\n'),
  busy: [
    '✻ Pondering… (3s · ↑ 120 tokens · esc to interrupt)',
    '╭──────────────────────────────────────────╮',
    '│ >                                        │',
    '╰──────────────────────────────────────────╯',
    '  ? for shortcuts',
  ].join('\n'),
  trust: [
    ' Do you trust the files in this folder?',
    ' /home/dev/proj',
    ' ❯ 1. Yes, proceed',
    '   2. No, exit',
  ].join('\n'),
  permission: [
    ' Bash command',
    '   rm -rf build',
    ' Do you want to proceed?',
    ' ❯ 1. Yes',
    '   2. No, and tell Claude what to do differently (esc)',
  ].join('\n'),
  usage: [' Current session', ' ████▌ 9% used', ' Esc to cancel', '  ? for shortcuts'].join('\n'),
  unknown: ['$ claude', 'Loading…'].join('\n'),
};

describe('screenState with the claude patterns', () => {
  for (const [state, screen] of Object.entries(SCREENS)) {
    it(`classifies a ${state} screen as '${state}'`, () => {
      expect(screenState(screen, claudeScreen)).toBe(state);
    });
  }

  it('a dialog wins over the input box drawn below it', () => {
    expect(screenState(`${SCREENS.permission}\n${SCREENS.ready}`, claudeScreen)).toBe('permission');
    expect(screenState(`${SCREENS.trust}\n${SCREENS.busy}`, claudeScreen)).toBe('trust');
  });

  it('busy is matched case-insensitively (Esc to interrupt)', () => {
    expect(screenState('· Esc to interrupt\n? for shortcuts', claudeScreen)).toBe('busy');
  });

  it('codex has its own patterns: "⏎ send" is ready, its folder prompt is trust', () => {
    expect(screenState('▌ Ask Codex to do anything\n ⏎ send', codexBackend.screen)).toBe('ready');
    expect(
      screenState('Do you want to allow Codex to work in this folder?', codexBackend.screen),
    ).toBe('trust');
  });
});
