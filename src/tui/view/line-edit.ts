/** Editing one line of text, key by key (the App's prompts): appends, deletes, clears. */
export interface EditKey {
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
}

/**
 * The line after a key, or undefined when the key does not edit (Enter, Escape, arrows…).
 * A paste arrives as one multi-character input and is appended whole (newlines become spaces:
 * a prompt line is one line; Enter submits it).
 */
export function editLine(value: string, input: string, key: EditKey): string | undefined {
  if (key.backspace || key.delete) return [...value].slice(0, -1).join('');
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl && input === 'w') return value.replace(/\S+\s*$/, '');
  if (key.ctrl || key.meta || key.return || key.escape || key.tab) return undefined;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
  // Other control characters (a Ctrl key that came in one read with text) are never text.
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/\r?\n/g, ' ').replace(/[\x00-\x1f\x7f]/g, '');
  return text === '' ? undefined : value + text;
}
