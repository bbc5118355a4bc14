import type { Job } from '../engine/index.js';

/**
 * A demo agent's directive (docs/demo-agent.md): `[[name args]]`, where a quoted argument may
 * hold `]]` and `\"`. Real agents never see these; people should not have to read them.
 */
const DIRECTIVE = /\[\[(?:[^\]"]|"(?:[^"\\]|\\.)*"|\](?!\]))*\]\]/g;
/** The first words a directive-only script would say on screen. */
const SAID = /\[\[\s*(?:say|done)\s+"((?:[^"\\]|\\.)*)"/;

/**
 * What a prompt asks for, in one line a person reads: its first line with words once the
 * demo directives are dropped; for a script of directives alone, what it says; never empty
 * for a non-empty prompt.
 */
export function taskText(prompt: string): string {
  for (const line of prompt.split('\n')) {
    const words = line.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
    if (words) return words;
  }
  const said = SAID.exec(prompt)?.[1];
  if (said) return said.replace(/\\(.)/g, '$1');
  return prompt.trim() ? 'scripted demo work' : '';
}

/**
 * A job's TASK: the orchestrator by its role and the task it holds (its prompt is a long
 * system prompt, not a task); any other job by its prompt's words. `--json` keeps the raw
 * promptPreview: this is for tables and screens only.
 */
export function taskLabel(j: Job, currentTask?: string | null): string {
  if (j.kind === 'orchestrator') {
    return `orchestrator: ${currentTask ? taskText(currentTask) : 'working the queue'}`;
  }
  return taskText(j.promptPreview);
}
