import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'preact/hooks';
import { connectTerminal } from './terminal-socket.js';

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
    const socket = connectTerminal(t, props.id, () => requestAnimationFrame(fit));
    const input = t.onData((data) => {
      if (typing.current) socket.send(data);
    });
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
      input.dispose();
      socket.close();
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
