import { createContext, useContext } from 'react';

/**
 * A modal with its own key handler (the new-agent form, whose fields are ink-text-input) took
 * the key being handled now. Ink hands each key to every handler in one synchronous emit, in
 * an order that changes as handlers re-subscribe: a key that closed the form (Enter, Escape)
 * must not then run as a command too. The flag clears once that emit is over.
 */
export interface Listening {
  consumed: boolean;
}

export const ListeningContext = createContext<Listening>({ consumed: false });

/** `take()`: the modal's handler calls it first for every key it receives. */
export function useTakeKeys(): () => void {
  const listening = useContext(ListeningContext);
  return () => {
    listening.consumed = true;
    queueMicrotask(() => {
      listening.consumed = false;
    });
  };
}
