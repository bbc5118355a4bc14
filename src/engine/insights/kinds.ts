/*
 * What kind of task a prompt is, for learning from history: an explicit label wins
 * (`#kind` or `[kind:name]` anywhere in the prompt), else the first matching word family, else
 * "other". Kept small and documented (README: Insights) so the grouping is predictable.
 */

const FAMILIES: [string, RegExp][] = [
  ['test', /\b(tests?|testing|spec|coverage)\b/i],
  ['fix', /\b(fix|fixes|bug|bugs|broken|crash|error|regression)\b/i],
  ['review', /\b(review|audit|inspect|assess)\b/i],
  ['refactor', /\b(refactor|clean ?up|rename|simplify|restructure)\b/i],
  ['docs', /\b(docs?|documentation|readme|comment|changelog)\b/i],
  ['feature', /\b(add|implement|build|create|support|new)\b/i],
];

/** The prompt's task kind: a label (`#name`, `[kind:name]`) or a word family. */
export function kindOf(prompt: string): string {
  const label = /\[kind:([a-z0-9_-]+)\]|(?:^|\s)#([a-z][a-z0-9_-]*)\b/i.exec(prompt);
  if (label) return (label[1] ?? label[2] ?? '').toLowerCase();
  for (const [kind, re] of FAMILIES) if (re.test(prompt)) return kind;
  return 'other';
}
