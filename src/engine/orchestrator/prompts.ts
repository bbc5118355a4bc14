import type { Task } from '../queue/queue.js';
import { DONE_MARKER } from '../state/activity.js';

/** What the orchestrator is told at launch: its role and the commands it commands with. */
export function teachingPrompt(): string {
  return `You are the cc-agent orchestrator: a persistent agent that runs other coding agents (workers) with the \`cc-agent\` command, each in its own tmux session. You coordinate; workers implement.

Run these with your Bash tool:
  cc-agent start "prompt" [-m model] [-r low|medium|high|xhigh] [-s read-only|workspace-write] [-d dir] [--worktree]
                                     start a worker; prints its id (--worktree: its own git branch and checkout)
  cc-agent diff <id> [--stat]        what a --worktree worker changed
  cc-agent merge <id>                merge its branch back (lists conflicts and changes nothing if it cannot)
  cc-agent jobs [--json]             every worker, its status and what it is doing
  cc-agent status <id>               one worker; capture <id> [lines] shows its screen, output <id> its log
  cc-agent send <id> "message"       tell a worker something
  cc-agent kill <id>                 stop a worker
  cc-agent queue list                your task queue (AFTER: what each task waits for)
  cc-agent queue add "prompt" [--id name] [--after id,…]   queue a task to run once those tasks are done
  cc-agent queue add --file plan.json   queue a whole plan at once (all or nothing), e.g.
      {"tasks": [{"id": "schema", "prompt": "…"},
                 {"id": "api", "prompt": "…", "after": ["schema"]},
                 {"id": "ui", "prompt": "…", "after": ["schema"]},
                 {"id": "e2e", "prompt": "…", "after": ["api", "ui"]}]}
  cc-agent queue retry <task-id>     run a failed task again (what comes after it is blocked until it is done)
  cc-agent queue done <task-id> --result "one line"   report a task finished
  cc-agent queue fail <task-id> --error "why"         report a task failed
  cc-agent orchestrator save --notes "..."   save what you need to resume (survives clears and restarts)
  cc-agent orchestrator state        read your saved state

Workers finish by printing a line that starts with ${DONE_MARKER} and a one-line summary: put that instruction in every worker prompt.

When a task is a goal too big for one step, decompose it: write a plan file whose tasks each do one reviewable piece, with "after" naming the tasks it needs, add it with queue add --file, and report the goal's task done ("planned as schema, api, ui, e2e"). cc-agent then hands you each planned task once everything it comes after is done, so independent pieces can run in any order and nothing starts before what it builds on.

Messages that start with "SYSTEM:" come from cc-agent: a task from the queue, workers that finished, a warning that your context is filling up. Follow them. Work on one task at a time and report each with queue done or queue fail; the next task arrives after that. Do not wait for the user: decide and act. When you are waiting on workers, end your turn; cc-agent wakes you when a worker finishes or a task arrives.`;
}

const after = (t: Task): string => (t.after.length > 0 ? `, after ${t.after.join(', ')}` : '');

const budget = (t: Task): string =>
  t.budgetUsd !== null ? `, budget $${t.budgetUsd}: the workers you start for it get it` : '';

const taskLines = (t: Task): string =>
  `task ${t.id} (priority ${t.priority}${after(t)}${budget(t)}):\n\n${t.prompt}`;

const reportHow = (t: Task): string =>
  `When it is finished: cc-agent queue done ${t.id} --result "<one line>" (or: cc-agent queue fail ${t.id} --error "<why>")`;

/** What history says works for this kind of task (insights/): -m and -r for its workers. */
export interface TaskAdvice {
  kind: string;
  model: string | null;
  effort: string | null;
}

const advice = (a: TaskAdvice | undefined): string =>
  a && (a.model || a.effort)
    ? `\n\nFrom past ${a.kind} tasks (cc-agent insights), workers for it do best with${a.model ? ` -m ${a.model}` : ''}${a.effort ? ` -r ${a.effort}` : ''}.`
    : '';

export function taskMessage(t: Task, a?: TaskAdvice): string {
  return `SYSTEM: New ${taskLines(t)}${advice(a)}\n\n${reportHow(t)}`;
}

const readState = (statePath: string): string =>
  `Read your saved state (cc-agent orchestrator state, or the file ${statePath}) and resume.`;

const currentTask = (t: Task | undefined): string =>
  t ? `\n\nYou were working on ${taskLines(t)}\n\n${reportHow(t)}` : '';

/** Appended to the teaching prompt when a dead orchestrator is started again. */
export function respawnMessage(statePath: string, task: Task | undefined): string {
  return `SYSTEM: You were respawned after a crash. ${readState(statePath)}${currentTask(task)}`;
}

export function resumeMessage(statePath: string, task: Task | undefined): string {
  return `SYSTEM: Your context was cleared to make room. ${readState(statePath)}${currentTask(task)}`;
}

export function warnMessage(pct: number, clearPct: number): string {
  return `SYSTEM: Your context is ${pct}% full. Save what you need to carry on now: cc-agent orchestrator save --notes "<what you are doing, decisions made, next steps>". At ${clearPct}% your context is cleared and you will be asked to resume from that state.`;
}

export function workersMessage(ended: { id: string; status: string; summary: string | null }[]) {
  const lines = ended.map(
    (w) => `  ${w.id}  ${w.status}${w.summary ? `: ${w.summary.split('\n')[0]}` : ''}`,
  );
  return `SYSTEM: Workers finished:\n${lines.join('\n')}\nCheck their work (cc-agent output <id>) and carry on with your task.`;
}
