import { describe, expect, it } from 'vitest';
import { taskLabel, taskText } from '../../src/view/task-label.js';
import { jobRow } from '../../src/tui/rows.js';
import { fakeJob, T0 } from '../helpers/job-fixture.js';

/** The TASK column: what the agent was asked to do, in words, whatever its prompt holds. */
describe('the TASK column', () => {
  it('drops the demo agent’s directives and keeps the words around them', () => {
    expect(taskText('Audit errors [[work 4]] [[done "3 issues found"]]')).toBe('Audit errors');
    expect(taskText('[[say "Reading"]] Refactor [[read "a]b.md"]] the store')).toBe(
      'Refactor the store',
    );
    expect(taskText('say "x \\" ]] y" [[bash "echo \\"]]\\""]] done')).toBe(
      'say "x \\" ]] y" done',
    );
  });

  it('falls back to what a directive-only script says, or to a plain description', () => {
    expect(taskText('[[work 3]] [[say "ready for more"]]')).toBe('ready for more');
    expect(taskText('[[done "Wrote \\"notes\\""]]')).toBe('Wrote "notes"');
    expect(taskText('[[work 3]]')).toBe('scripted demo work');
    expect(taskText('\n\n  Fix the bug\nmore')).toBe('Fix the bug');
  });

  it('shows the orchestrator by its role and current task, never its system prompt', () => {
    const orch = fakeJob('orch', {
      kind: 'orchestrator',
      promptPreview: 'You are the cc-agent orchestrator: a persistent agent that works a queue',
    });
    expect(taskLabel(orch)).toBe('orchestrator: working the queue');
    expect(taskLabel(orch, 'Update the changelog\n[[work 3]]')).toBe(
      'orchestrator: Update the changelog',
    );
    const row = jobRow(orch, T0 + 5000, { currentTask: null });
    expect(row).toContain('orchestrator: working the queue');
    expect(row).not.toContain('You are');
  });

  it('draws a worker row without the raw directives', () => {
    const w = fakeJob('ab12cd34', { promptPreview: 'Write tests [[work 3]] [[say "x"]]' });
    const row = jobRow(w, T0 + 5000);
    expect(row.trimEnd()).toMatch(/ Write tests$/);
    expect(row).not.toContain('[[');
  });
});
