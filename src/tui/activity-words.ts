import type { ActivityEntry, PulseStatus, Task } from '../engine/index.js';
import { taskText } from '../view/task-label.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * One line of the orchestrator's audit trail in words: what cc-agent did on its own and why,
 * naming tasks by what they ask (from `tasks`, when still listed) rather than by their ids.
 */
export function activityWords(a: ActivityEntry, tasks: readonly Task[] = []): string {
  const d = a.detail;
  const task = (id: unknown): string => {
    const t = tasks.find((x) => x.id === id);
    return t ? `task ${str(id)} "${taskText(t.prompt)}"` : `task ${str(id) || '?'}`;
  };
  switch (a.kind) {
    case 'orchestrator_started':
      return `orchestrator started (${str(d['reason']) || 'started'}; ${str(d['agent'])} in ${str(d['dir'])})`;
    case 'orchestrator_stopped': {
      const back = list(d['requeued']);
      if (d['why'] === 'killed') return 'orchestrator stopped: it was killed';
      return `orchestrator stopped${back.length ? `; back in the queue: ${back.join(', ')}` : ''}`;
    }
    case 'orchestrator_respawned':
      return `orchestrator restarted after it went down (${str(d['why'])}); restart ${num(d['respawns']) ?? '?'}`;
    case 'orchestrator_respawn_failed':
      return `could not restart the orchestrator: ${str(d['error']) || str(d['why'])}`;
    case 'task_dispatched':
      return `gave the orchestrator ${task(d['task'])} (priority ${num(d['priority']) ?? 0})`;
    case 'workers_reported': {
      const ids = list(d['workers']);
      return `told the orchestrator about ${ids.length === 1 ? 'worker' : 'workers'} ${ids.join(', ')}`;
    }
    case 'context_warn':
      return `orchestrator context at ${num(d['pct']) ?? '?'}%: it was asked to save its state`;
    case 'context_clear':
      return `cleared the orchestrator's context at ${num(d['pct']) ?? '?'}%`;
    case 'context_resumed':
      return 'orchestrator resumed from its saved state after the clear';
    default: {
      const rest = Object.entries(d)
        .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ');
      return `${a.kind.replaceAll('_', ' ')}${rest ? `: ${rest}` : ''}`;
    }
  }
}

/**
 * Who leads the pulse (triggers, the queue), in words: the lease holder is `host:pid:nonce`,
 * which means nothing to a user; its pid does, and whether it is this very TUI.
 */
export function pulseWords(p: PulseStatus, ownPid = process.pid): string {
  if (!p.leader) return 'pulse: nobody leads it (this TUI takes over when free)';
  const pid = Number(p.leader.split(':').at(-2));
  if (pid === ownPid) return 'pulse: led by this TUI';
  if (pid === p.pid) return `pulse: led by the background pulse (pid ${pid}; cc-agent pulse stop)`;
  return Number.isInteger(pid) && pid > 0
    ? `pulse: led by another cc-agent (pid ${pid})`
    : 'pulse: led by another cc-agent';
}
