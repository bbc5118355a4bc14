// Every escape family a terminal program emits, longest forms first:
//   CSI (ESC [ … final), OSC (ESC ] … BEL|ST), DCS/SOS/PM/APC strings (ESC P|X|^|_ … ST),
//   nF escapes with intermediates (ESC ( B, ESC # 8), two-byte escapes (ESC 7, ESC 8, ESC =,
//   ESC >, ESC c, ESC M), then lone C0 control bytes other than \t \n \r.
const ANSI_RE =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -/]+[0-~]|\x1b[0-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** Remove terminal escape sequences so a raw pane log reads as text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, '');
}
