/**
 * JSON.parse's message on one line, with a line and column instead of an offset, and without
 * the source excerpt newer engines quote (it spans lines). Some of V8's messages name no
 * offset at all ("Unexpected token '}', …"): the offset is then found by scanning the text.
 */
export function parseProblem(text: string, e: unknown): string {
  let msg = e instanceof Error ? e.message : String(e);
  msg = msg.replace(/, ".*" is not valid JSON$/s, '');
  const given = /at position (\d+)/.exec(msg);
  msg = msg.replace(/ in JSON at position \d+.*$/s, '');
  const at = given ? Number(given[1]) : firstBadOffset(text);
  if (at !== undefined) {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    msg += ` at line ${line}, column ${column}`;
  }
  return msg.replace(/\s+/g, ' ').trim();
}

const WS = /[ \t\n\r]*/y;
// A string: no raw control character (JSON forbids them), built from text so lint reads it.
const STRING = new RegExp(
  String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`,
  'y',
);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /true|false|null/y;

/** Where strict JSON stops being JSON in `text`: the offset of the first bad character. */
export function firstBadOffset(text: string): number | undefined {
  let i = 0;
  const skip = (): void => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const take = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.exec(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const value = (): boolean => {
    skip();
    const ch = text[i];
    if (ch === '{' || ch === '[') return list(ch === '{');
    return take(STRING) || take(NUMBER) || take(WORD);
  };
  /** An object's members or an array's items, each after a comma but the first. */
  const list = (object: boolean): boolean => {
    const close = object ? '}' : ']';
    i++;
    skip();
    if (text[i] === close) return (i++, true);
    for (;;) {
      if (object) {
        skip();
        if (!take(STRING)) return false;
        skip();
        if (text[i] !== ':') return false;
        i++;
      }
      if (!value()) return false;
      skip();
      if (text[i] === close) return (i++, true);
      if (text[i] !== ',') return false;
      i++;
    }
  };
  if (!value()) return Math.min(i, text.length);
  skip();
  return i < text.length ? i : undefined;
}
