import { helpSize } from './help.js';
import type { Modal } from '../view/state.js';

/** What each prompt asks, and how much room the modals take under the panel. */
export const PROMPT_LABELS = {
  send: 'Send:',
  reuse: 'New task (clears first):',
  'queue-add': 'Queue task:',
  filter: 'Filter:',
  palette: 'Command:',
  mode: 'Activate mode:',
} as const;

/** Lines the header and the footer take; the panel's body keeps at least MIN_BODY. */
export const CHROME = 3;
export const MIN_BODY = 3;

/**
 * Lines a modal takes under the panel (the panel shrinks to make room, down to MIN_BODY). Help
 * takes what its keys need at this width, no more: the panel keeps the rest.
 */
export const modalHeight = (m: Modal | undefined, rows: number, columns: number): number =>
  !m
    ? 0
    : m.kind === 'help'
      ? helpSize(rows - CHROME - MIN_BODY, columns).height
      : m.kind === 'confirm'
        ? 3
        : m.kind === 'new-agent'
          ? 10
          : 16;
