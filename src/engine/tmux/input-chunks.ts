/* eslint-disable no-control-regex -- terminal input is made of control characters */

/**
 * tmux refuses a command whose words add up to more than ~16 KB (`command too long`), and a
 * terminal paste may be 64 KB or more. Input is cut into pieces whose tmux words stay under
 * this many bytes; each piece is one tmux invocation, sent in order.
 */
export const INPUT_BUDGET = 8 * 1024;

/**
 * An escape sequence cut in two could reach the agent as a lone ESC (the Escape key, which
 * interrupts Claude Code) followed by text: no cut falls this close after an ESC.
 */
const SEQUENCE_ROOM = 32;

const CONTROL = /[\x00-\x1f\x7f]/;
const RUNS = /[\x00-\x1f\x7f]+|[^\x00-\x1f\x7f]+/g;

/** The send-keys commands that type `data` into `target`: text literally, control bytes as hex. */
export function inputCommands(target: string, data: string): string[][] {
  return (data.match(RUNS) ?? []).map((run) =>
    CONTROL.test(run[0] as string)
      ? ['send-keys', '-t', target, '-H', ...[...run].map((ch) => ch.charCodeAt(0).toString(16))]
      : ['send-keys', '-t', target, '-l', '--', run],
  );
}

/**
 * `data` cut into pieces, each typed by one tmux invocation under INPUT_BUDGET bytes. Cuts fall
 * between code points and never just after an ESC; joined, the pieces are `data` again.
 */
export function inputPieces(target: string, data: string, budget = INPUT_BUDGET): string[] {
  // Each command's own words: send-keys -t <target> -l|-H [--] and the ';' between commands
  // (one more byte for tmux's escaping of a word ending in ';').
  const perCommand = Buffer.byteLength(target) + 30;
  const pieces: string[] = [];
  let start = 0;
  let used = 0;
  let wasControl: boolean | undefined;
  for (let i = 0; i < data.length;) {
    const code = data.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    const control = code < 0x20 || code === 0x7f;
    // A control byte is two hex digits and a separator; text is its UTF-8.
    const cost =
      (control === wasControl ? 0 : perCommand) +
      (control ? 3 : Buffer.byteLength(data.slice(i, i + width)));
    if (used + cost > budget && i > start) {
      const cut = safeCut(data, start, i);
      pieces.push(data.slice(start, cut));
      start = cut;
      i = cut;
      used = 0;
      wasControl = undefined;
      continue;
    }
    used += cost;
    wasControl = control;
    i += width;
  }
  if (start < data.length) pieces.push(data.slice(start));
  return pieces;
}

/** Where to end a piece at or before `end`: before an escape sequence that starts just before it. */
function safeCut(data: string, start: number, end: number): number {
  const esc = data.lastIndexOf('\x1b', end - 1);
  return esc > start && end - esc <= SEQUENCE_ROOM ? esc : end;
}
