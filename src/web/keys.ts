/** Text typed into a field or into an agent's terminal: never a page shortcut. */
export const typing = (e: KeyboardEvent): boolean =>
  e.target instanceof HTMLInputElement || Boolean((e.target as HTMLElement).closest?.('.term'));

/** A key for the page's shortcuts (the TUI's keys): not typed, no Ctrl/Cmd/Alt held. */
export const shortcut = (e: KeyboardEvent): boolean =>
  !typing(e) && !e.ctrlKey && !e.metaKey && !e.altKey;
