import { type OrchestratorStatus } from '../engine/index.js';
import { subcommand, textArg } from './args.js';
import { json } from '../view/format.js';
import { startDetachedPulse } from './pulse.js';
import * as c from './contracts/orchestrator.js';
import { defineCommand, type Io } from './types.js';

const SUBCOMMANDS = ['start', 'stop', 'status', 'inject', 'save', 'state'] as const;

function describe(io: Io, s: OrchestratorStatus): void {
  const job = s.job;
  io.out(`orchestrator: ${s.state}${job ? ` (${job.backend}, session ${job.tmuxSession})` : ''}`);
  if (job && s.state === 'running') {
    io.out(`activity: ${job.activityDetail?.label ?? job.activity ?? 'starting'}`);
  }
  if (s.state === 'down') io.out(`respawn: in ${Math.ceil((s.respawnInMs ?? 0) / 1000)} s`);
  io.out(`context: ${s.contextPct === null ? '-' : `${s.contextPct}%`} (${s.phase ?? 'normal'})`);
  io.out(
    `task: ${s.currentTask ? `${s.currentTask.id} ${s.currentTask.prompt.split('\n')[0]}` : 'none'}; queued: ${s.queueDepth}`,
  );
  io.out(`respawns: ${s.respawns}${s.lastRespawnAt ? ` (last ${s.lastRespawnAt})` : ''}`);
  io.out(
    s.pulse.leader
      ? `pulse: ${s.pulse.leader}`
      : 'pulse: none (cc-agent pulse start, or open the TUI)',
  );
  io.out(`state file: ${s.statePath}`);
  for (const a of s.recent) io.out(`  ${a.ts}  ${a.kind}  ${JSON.stringify(a.detail)}`);
}

export const orchestrator = defineCommand(c.orchestrator, async (io) => {
  const sub = subcommand(io, SUBCOMMANDS, 'orchestrator');
  const engine = io.engine();
  const o = engine.orchestrator;
  const f = io.flags;
  switch (sub) {
    case 'start': {
      const job = await o.start({
        agent: f.agent,
        model: f.model,
        reasoning: f.reasoning,
        dir: f.dir,
        cwd: io.cwd,
      });
      io.out(`orchestrator started (${job.backend}) in ${job.dir}; session ${job.tmuxSession}`);
      // With nothing leading the pulse, no task would ever reach it.
      const pulse = engine.pulseStatus();
      if (!pulse.leader) io.out(`pulse started (pid ${await startDetachedPulse(io, engine)})`);
      return 0;
    }
    case 'stop': {
      const r = await o.stop();
      io.out(r.killed ? 'orchestrator stopped' : 'orchestrator was not running');
      if (r.requeued.length > 0) io.out(`back in the queue: ${r.requeued.join(', ')}`);
      return 0;
    }
    case 'status': {
      await engine.refresh();
      const s = await o.status();
      if (f.json) io.out(json(s));
      else describe(io, s);
      return 0;
    }
    case 'inject': {
      const rest = { ...io, input: io.input.slice(1) };
      await o.inject(await textArg(rest, 0, 'message', 'orchestrator inject "message"'));
      io.out('sent to orch');
      return 0;
    }
    case 'save':
      o.state(f.notes);
      io.out(`saved ${engine.paths.orchestratorState}`);
      return 0;
    default:
      io.out(json(o.state()));
      return 0;
  }
});
