// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), two-byte escapes, and lone control bytes.
const ANSI_RE =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** Remove terminal escape sequences so a raw pane log reads as text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, '');
}
