/**
 * Quote one word for POSIX sh. Only used where tmux insists on a shell command string
 * (pipe-pane, run-shell) and only for paths cc-agent owns — never for user text.
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
