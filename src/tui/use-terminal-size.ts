import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/**
 * The size the TUI draws to, updated on resize: the terminal's width, and one row less than
 * its height. Ink ends each frame with a newline; a frame as tall as the terminal would scroll
 * it by a line, and the next frame would erase the wrong lines.
 */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 100, rows: (stdout.rows || 31) - 1 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
