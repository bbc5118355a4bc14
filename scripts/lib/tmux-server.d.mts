/** See tmux-server.mjs. */
export function killTmuxServer(socket: string, timeoutMs?: number): void;
