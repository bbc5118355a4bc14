import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/engine/index.js';
import { taskRow } from '../../src/tui/rows.js';
import { afterText, taskState, waitWords } from '../../src/view/task-deps.js';

const task = (over: Partial<Task>): Task => ({
  id: 'd',
  prompt: 'ship it',
  priority: 0,
  status: 'pending',
  result: null,
  error: null,
  jobId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  endedAt: null,
  after: [],
  waitingOn: [],
  blockedBy: [],
  budgetUsd: null,
  ...over,
});

describe('what a task waits on, as every face shows it', () => {
  it('pending reads as waiting or blocked; blocked wins; any other status stays itself', () => {
    expect(taskState(task({}))).toBe('pending');
    expect(taskState(task({ after: ['b'], waitingOn: ['b'] }))).toBe('waiting');
    expect(taskState(task({ after: ['b'], waitingOn: ['b'], blockedBy: ['a'] }))).toBe('blocked');
    expect(taskState(task({ status: 'done', after: ['b'], waitingOn: ['b'] }))).toBe('done');
    expect(taskState(task({ status: 'running', blockedBy: ['a'] }))).toBe('running');
  });

  it('words and the AFTER column', () => {
    expect(waitWords(task({}))).toBe('');
    expect(waitWords(task({ after: ['b', 'c'], waitingOn: ['b', 'c'] }))).toBe('waits on b, c');
    expect(waitWords(task({ after: ['b'], waitingOn: ['b'], blockedBy: ['a', 'x'] }))).toBe(
      'blocked by a, x (failed)',
    );
    expect(afterText(task({}))).toBe('-');
    expect(afterText(task({ after: ['b', 'c'], waitingOn: ['c'] }))).toBe('b,c');
  });

  it("the TUI's queue row says it in its status and after the task's words", () => {
    expect(taskRow(task({ after: ['b', 'c'], waitingOn: ['c'] }))).toMatch(
      /^d\s+waiting\s+0\s+ship it \(waits on c\)$/,
    );
    expect(taskRow(task({ after: ['b'], waitingOn: ['b'], blockedBy: ['a'] }))).toMatch(
      /^d\s+blocked .* ship it \(blocked by a \(failed\)\)$/,
    );
    expect(taskRow(task({ status: 'done', result: 'ok', after: ['b'] }))).toMatch(
      /^d\s+done\s+0\s+ship it → ok$/,
    );
  });
});
