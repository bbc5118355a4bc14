/**
 * JSON.parse's message on one line, with a line and column instead of an offset, and without
 * the source excerpt newer engines quote (it spans lines).
 */
export function parseProblem(text: string, e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  msg = msg.replace(/, ".*" is not valid JSON$/s, '');
  const at = /at position (\d+)/.exec(msg);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    msg = msg.replace(/ in JSON at position \d+.*$/s, '') + ` at line ${line}, column ${column}`;
  }
  return msg.replace(/\s+/g, ' ').trim();
}
