import { describe, expect, it } from 'vitest';
import { keyName } from '../../src/tui/key-name.js';
import { activeScopes, commandFor, hints, KEYMAP } from '../../src/tui/keymap.js';

describe('keymap', () => {
  it('names keys the way the table spells them', () => {
    expect(keyName('j', {})).toBe('j');
    expect(keyName('G', { shift: true })).toBe('G');
    expect(keyName('', { return: true })).toBe('enter');
    expect(keyName('', { tab: true, shift: true })).toBe('shift+tab');
    expect(keyName('k', { ctrl: true })).toBe('ctrl+k');
    expect(keyName('', { downArrow: true })).toBe('down');
    expect(keyName(' ', {})).toBe('space');
  });

  it('the innermost scope wins: a is approve in Approvals, add in Queue', () => {
    expect(commandFor(activeScopes('approvals', false), 'a')).toBe('approve');
    expect(commandFor(activeScopes('queue', false), 'a')).toBe('queue-add');
    expect(commandFor(activeScopes('timeline', false), 'a')).toBeUndefined();
    expect(commandFor(activeScopes('jobs', false), 'enter')).toBe('jump');
    expect(commandFor(activeScopes('jobs', true), 'escape')).toBe('back');
    expect(commandFor(activeScopes('jobs', true), 's')).toBe('send');
    expect(commandFor(activeScopes('queue', false), 'j')).toBe('down');
    expect(commandFor(activeScopes('queue', false), '6')).toBe('panel-orchestrator');
  });

  it('never binds tmux prefix (Ctrl+B), and no two bindings share a key in one scope', () => {
    const keys = KEYMAP.flatMap((b) => b.keys.map((k) => `${b.scope}:${k}`));
    expect(keys.filter((k) => k.endsWith(':ctrl+b'))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('footer hints come from the same table', () => {
    expect(hints(activeScopes('approvals', false))).toEqual(
      expect.arrayContaining(['a approve', 'r reject', '? help', 'q quit']),
    );
    expect(hints(activeScopes('jobs', false))).toContain('enter jump');
  });
});
