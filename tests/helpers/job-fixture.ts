import type { Job } from '../../src/engine/index.js';

export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

/** A Job as the engine hands it to the faces, for tests of what they draw (no store behind it). */
export function fakeJob(id: string, over: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'worker',
    parentId: null,
    host: null,
    worktree: null,
    backend: 'demo',
    model: 'opus',
    effort: 'xhigh',
    sandbox: 'workspace-write',
    dir: '/work/p',
    promptPreview: `task of ${id}`,
    promptBytes: 10,
    sessionId: null,
    tmuxSession: `cc-agent-${id}`,
    tmuxSocket: null,
    status: 'running',
    activity: 'working',
    activityDetail: null,
    lastEventAt: null,
    seenAt: null,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
    costUsd: 0,
    contextPct: null,
    toolCalls: 0,
    primaryTool: null,
    filesModified: [],
    messages: 0,
    budgetUsd: null,
    budgetReachedAt: null,
    exitCode: null,
    error: null,
    argv: [],
    stripAnsi: false,
    files: [],
    summary: null,
    createdAt: iso(T0),
    startedAt: iso(T0),
    endedAt: null,
    updatedAt: iso(T0),
    ...over,
  };
}
