import type { Terminal } from '@xterm/xterm';
import { csrf } from './api.js';

/** What the terminal socket sends (server/terminal.ts). */
interface ServerMessage {
  type: string;
  data?: string;
  message?: string;
  cols?: number;
  rows?: number;
}

export interface TerminalSocket {
  /** Keystrokes to the agent (dropped until the socket is open). */
  send(data: string): void;
  close(): void;
}

/**
 * A job's terminal socket drawn into `term`: its output written, its size followed (then
 * `onSize`), its errors shown in red. Shared by the job view and the Split view's cells.
 */
export function connectTerminal(
  term: Terminal,
  id: string,
  onSize: () => void = () => undefined,
): TerminalSocket {
  let ws: WebSocket | undefined;
  let gone = false;
  const show = (m: ServerMessage): void => {
    if (m.type === 'output') term.write(m.data ?? '');
    else if (m.type === 'size') {
      term.resize(m.cols ?? 80, m.rows ?? 24);
      onSize();
    } else if (m.type === 'error') term.write(`\r\n\x1b[31m${m.message ?? 'error'}\x1b[0m\r\n`);
  };
  // A browser cannot put a header on a WebSocket: the CSRF token goes in the query.
  csrf().then(
    (token) => {
      if (gone) return;
      const proto = location.protocol === 'https:' ? 'wss' : 'ws';
      const url = `${proto}://${location.host}/api/terminal/${id}`;
      ws = new WebSocket(`${url}?csrf=${encodeURIComponent(token)}`);
      ws.onmessage = (e) => show(JSON.parse(String(e.data)) as ServerMessage);
    },
    (e: Error) => show({ type: 'error', message: e.message }),
  );
  return {
    send(data) {
      if (ws?.readyState === 1) ws.send(JSON.stringify({ type: 'input', data }));
    },
    close() {
      gone = true;
      ws?.close();
    },
  };
}
