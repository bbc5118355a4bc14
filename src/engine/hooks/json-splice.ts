import type { JsonArray, JsonNode, JsonObject } from './json-text.js';

/**
 * Adding to and cutting from a JSON container in place. An append copies the separator the
 * container already uses before its last entry, and a cut of the last entry takes exactly that
 * separator back: so `remove(append(text))` is `text`, byte for byte, and nothing outside the
 * spliced span moves. New values follow the file's own indentation and line endings.
 */

interface Span {
  start: number;
  end: number;
}

const spans = (c: JsonArray | JsonObject): Span[] =>
  c.kind === 'array'
    ? c.items.map((n) => ({ start: n.start, end: n.end }))
    : c.members.map((m) => ({ start: m.start, end: m.value.end }));

/** The indentation step the file uses: its first indented line's, else two spaces. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m?.[1] ?? '  ';
}

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** `value` as JSON laid out for a place indented by `indent`; one line when `indent` is null. */
function render(text: string, value: unknown, indent: string | null): string {
  if (indent === null) return JSON.stringify(value);
  return JSON.stringify(value, null, indentUnit(text))
    .split('\n')
    .join(eolOf(text) + indent);
}

/** What goes between a key and its value: the container's own habit, else `": "`. */
function colonOf(text: string, c: JsonArray | JsonObject, oneLine: boolean): string {
  const last = c.kind === 'object' ? c.members.at(-1) : undefined;
  if (last) return text.slice(last.keyEnd, last.value.start);
  return oneLine ? ':' : ': ';
}

/** An entry for `c`: a bare value in an array, `"key": value` in an object. */
function entry(
  text: string,
  c: JsonArray | JsonObject,
  key: string | undefined,
  value: unknown,
  indent: string | null,
): string {
  const v = render(text, value, indent);
  return c.kind === 'object' ? `${JSON.stringify(key)}${colonOf(text, c, indent === null)}${v}` : v;
}

/** Add an entry after the last one of `c` (key required for an object). */
export function appendEntry(
  text: string,
  c: JsonArray | JsonObject,
  value: unknown,
  key?: string,
): string {
  const all = spans(c);
  const last = all.at(-1);
  if (!last) {
    // Empty: lay it out like the rest of the file (multi-line unless the file is one line).
    const oneLine = !text.trimEnd().includes('\n');
    const outer = lineIndent(text, c.start);
    const inner = outer + indentUnit(text);
    const eol = eolOf(text);
    const body = oneLine
      ? entry(text, c, key, value, null)
      : `${eol}${inner}${entry(text, c, key, value, inner)}${eol}${outer}`;
    return text.slice(0, c.start + 1) + body + text.slice(c.end - 1);
  }
  // The whitespace before the last entry (after its comma, or after the bracket).
  const prevEnd = all.length > 1 ? (all[all.length - 2] as Span).end : c.start + 1;
  const gap = text.slice(prevEnd, last.start);
  const ws = gap.slice(gap.lastIndexOf(',') + 1);
  const nl = ws.lastIndexOf('\n');
  const indent = nl === -1 ? null : ws.slice(nl + 1);
  return (
    text.slice(0, last.end) + ',' + ws + entry(text, c, key, value, indent) + text.slice(last.end)
  );
}

/** Cut entry `index` of `c` together with one separator; the inverse of appendEntry. */
export function removeEntry(text: string, c: JsonArray | JsonObject, index: number): string {
  const all = spans(c);
  const target = all[index];
  if (!target) throw new RangeError(`no entry ${index}`);
  if (all.length === 1) return text.slice(0, c.start + 1) + text.slice(c.end - 1);
  if (index > 0) {
    return text.slice(0, (all[index - 1] as Span).end) + text.slice(target.end);
  }
  return text.slice(0, target.start) + text.slice((all[1] as Span).start);
}

export const isContainer = (n: JsonNode | undefined): n is JsonArray | JsonObject =>
  n !== undefined && n.kind !== 'scalar';
