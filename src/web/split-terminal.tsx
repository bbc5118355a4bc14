import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'preact/hooks';
import { csrf } from './api.js';

/** What the terminal socket sends (server/terminal.ts). */
interface ServerMessage {
  type: string;
  data?: string;
  message?: string;
  cols?: number;
  rows?: number;
}

/**
 * One cell of the split: xterm.js on the job's terminal socket, drawn at the agent's own size
 * and scaled to fit the cell (the agent is not resized for being watched). Keystrokes go to
 * the agent only while `typing` is on: otherwise stdin is off and nothing is sent.
 */
export function SplitTerminal(props: { id: string; typing: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const typing = useRef(props.typing);
  const term = useRef<Terminal>();
  typing.current = props.typing;
  useEffect(() => {
    const t = new Terminal({ fontSize: 12, scrollback: 1000, disableStdin: !typing.current });
    term.current = t;
    const el = host.current as HTMLDivElement;
    t.open(el);
    const fit = (): void => {
      const inner = el.querySelector<HTMLElement>('.xterm');
      const box = el.parentElement;
      if (!inner || !box) return;
      const scale = Math.min(
        1,
        box.clientWidth / inner.scrollWidth,
        box.clientHeight / inner.scrollHeight,
      );
      el.style.transform = `scale(${scale})`;
    };
    let ws: WebSocket | undefined;
    let gone = false;
    const show = (m: ServerMessage): void => {
      if (m.type === 'output') t.write(m.data ?? '');
      else if (m.type === 'size') {
        t.resize(m.cols ?? 80, m.rows ?? 24);
        requestAnimationFrame(fit);
      } else if (m.type === 'error') t.write(`\r\n\x1b[31m${m.message ?? 'error'}\x1b[0m\r\n`);
    };
    // A browser cannot put a header on a WebSocket: the CSRF token goes in the query.
    csrf().then(
      (token) => {
        if (gone) return;
        const proto = location.protocol === 'https:' ? 'wss' : 'ws';
        const url = `${proto}://${location.host}/api/terminal/${props.id}`;
        ws = new WebSocket(`${url}?csrf=${encodeURIComponent(token)}`);
        ws.onmessage = (e) => show(JSON.parse(String(e.data)) as ServerMessage);
      },
      (e: Error) => show({ type: 'error', message: e.message }),
    );
    const input = t.onData((data) => {
      if (typing.current && ws?.readyState === 1) ws.send(JSON.stringify({ type: 'input', data }));
    });
    window.addEventListener('resize', fit);
    return () => {
      gone = true;
      window.removeEventListener('resize', fit);
      input.dispose();
      ws?.close();
      t.dispose();
    };
  }, [props.id]);
  useEffect(() => {
    const t = term.current;
    if (!t) return;
    t.options.disableStdin = !props.typing;
    if (props.typing) t.focus();
    else t.blur();
  }, [props.typing]);
  return <div class="split-term" ref={host} data-split-terminal={props.id} />;
}
