import type { Contract } from './contract.js';
import * as agents from './contracts/agents.js';
import * as conflicts from './contracts/conflicts.js';
import * as context from './contracts/context.js';
import * as hooks from './contracts/hooks.js';
import * as insights from './contracts/insights.js';
import * as hosts from './contracts/hosts.js';
import * as io from './contracts/io.js';
import * as jobs from './contracts/jobs.js';
import * as kill from './contracts/kill.js';
import * as orch from './contracts/orchestrator.js';
import * as queue from './contracts/queue.js';
import * as serve from './contracts/serve.js';
import * as setup from './contracts/setup.js';
import * as start from './contracts/start.js';
import * as triggers from './contracts/triggers.js';
import * as tui from './contracts/tui.js';
import * as worktrees from './contracts/worktrees.js';
import type { Command } from './types.js';

export interface Entry {
  /** Name, group, summary, usage, help and flags: all `--help` and the flag parser need. */
  contract: Contract;
  /** The run code, loaded only to run: it pulls in the engine, SQLite, maybe Ink. */
  load: () => Promise<Command>;
}

const entry = (contract: Contract, load: () => Promise<Command>): Entry => ({ contract, load });

/** Every subcommand, in `cc-agent --help` order. */
export const registry: readonly Entry[] = [
  entry(tui.tui, async () => (await import('./tui.js')).tui),
  entry(tui.statusLine, async () => (await import('./status-line.js')).statusLine),
  entry(start.start, async () => (await import('./start.js')).start),
  entry(jobs.status, async () => (await import('./jobs.js')).status),
  entry(jobs.jobs, async () => (await import('./jobs.js')).jobs),
  entry(queue.queue, async () => (await import('./queue.js')).queue),
  entry(serve.serve, async () => (await import('./serve.js')).serveCommand),
  entry(serve.dashboard, async () => (await import('./dashboard.js')).dashboard),
  entry(serve.dashboardStop, async () => (await import('./dashboard.js')).dashboardStop),
  entry(orch.orchestrator, async () => (await import('./orchestrator.js')).orchestrator),
  entry(orch.pulse, async () => (await import('./pulse.js')).pulse),
  entry(triggers.trigger, async () => (await import('./triggers.js')).trigger),
  entry(triggers.mode, async () => (await import('./triggers.js')).mode),
  entry(triggers.approvals, async () => (await import('./triggers.js')).approvals),
  entry(triggers.activity, async () => (await import('./triggers.js')).activity),
  entry(agents.answer, async () => (await import('./answer.js')).answer),
  entry(agents.events, async () => (await import('./events.js')).events),
  entry(agents.session, async () => (await import('./session.js')).session),
  entry(worktrees.diff, async () => (await import('./worktrees.js')).diff),
  entry(worktrees.merge, async () => (await import('./worktrees.js')).merge),
  entry(conflicts.conflicts, async () => (await import('./conflicts.js')).conflicts),
  entry(insights.insights, async () => (await import('./insights.js')).insights),
  entry(hosts.hosts, async () => (await import('./hosts.js')).hosts),
  entry(agents.resume, async () => (await import('./resume.js')).resume),
  entry(kill.kill, async () => (await import('./kill.js')).kill),
  entry(kill.clean, async () => (await import('./kill.js')).clean),
  entry(kill.del, async () => (await import('./kill.js')).del),
  entry(io.send, async () => (await import('./io.js')).send),
  entry(io.capture, async () => (await import('./io.js')).capture),
  entry(io.output, async () => (await import('./io.js')).output),
  entry(io.watch, async () => (await import('./io.js')).watch),
  entry(io.attach, async () => (await import('./io.js')).attach),
  entry(context.clear, async () => (await import('./context.js')).clear),
  entry(context.usage, async () => (await import('./context.js')).usage),
  entry(context.reuse, async () => (await import('./context.js')).reuse),
  entry(setup.demo, async () => (await import('./demo.js')).demo),
  entry(setup.settings, async () => (await import('./settings.js')).settings),
  entry(setup.health, async () => (await import('./health.js')).health),
  entry(hooks.setupHooks, async () => (await import('./hooks.js')).setupHooks),
  entry(hooks.removeHooks, async () => (await import('./hooks.js')).removeHooks),
];

export const findCommand = (name: string): Entry | undefined =>
  registry.find((e) => e.contract.name === name);
