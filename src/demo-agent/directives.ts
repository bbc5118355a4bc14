/**
 * The simulated agent is scripted by directives written into the prompt: `[[name args…]]`,
 * where each argument is a bare word or a double-quoted string (with \" \\ \n escapes).
 * Everything else in the prompt is ordinary text. docs/demo-agent.md documents every directive.
 */
export interface Directive {
  name: string;
  args: string[];
}

export const DIRECTIVE_NAMES = new Set([
  'say',
  'work',
  'bash',
  'write',
  'edit',
  'read',
  'task',
  'background',
  'exit',
  'done',
  'error',
  'trust',
  'context',
  'echo',
  'spend',
  'limit',
]);

const DIRECTIVE = /\[\[([a-z]+)((?:\s+(?:"(?:[^"\\]|\\.)*"|[^\s"\]]+))*)\s*\]\]/g;
const ARG = /"((?:[^"\\]|\\.)*)"|([^\s"\]]+)/g;

const unescape = (s: string): string =>
  s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));

export function parseDirectives(prompt: string): { directives: Directive[]; text: string } {
  const directives: Directive[] = [];
  const text = prompt.replace(DIRECTIVE, (whole, name: string, rawArgs: string) => {
    if (!DIRECTIVE_NAMES.has(name)) return whole;
    const args: string[] = [];
    for (const m of rawArgs.matchAll(ARG)) {
      args.push(m[1] !== undefined ? unescape(m[1]) : (m[2] ?? ''));
    }
    directives.push({ name, args });
    return '';
  });
  return { directives, text: text.trim() };
}

/** A number argument, or the fallback when it is missing or not a number. */
export function numArg(d: Directive, i: number, fallback: number): number {
  const raw = d.args[i];
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isFinite(n) ? n : fallback;
}
