import { defineContract } from '../contract.js';
import { BACKENDS, EFFORTS } from '../../engine/vocabulary.js';

export const orchestrator = defineContract({
  name: 'orchestrator',
  group: 'Orchestration',
  usage:
    'orchestrator start [--agent A] [-m model] [-r level] [-d dir] | stop | status [--json] | inject "msg" | save --notes "…" | state',
  summary: 'The orchestrator agent: start, stop, status, inject, save, state',
  help: `One persistent agent (id orch) that works the task queue.

Subcommands:
  start     start it in tmux session cc-agent-orch (and a background pulse if none leads)
              --agent <name>        ${BACKENDS.join(' | ')} (default claude)
              -m, --model <name>    its model;  -r, --reasoning <level>  ${EFFORTS.join(' | ')}
              -d, --dir <path>      its working directory (default: here)
  stop      stop it; it is not respawned, and a task it held goes back to the queue
  status    running or not, its context %, current task, respawns, pulse, recent actions
  inject    type a message to it ('-' reads the message from stdin)
  save      rewrite its state file (orchestrator-state.json); --notes sets its notes
  state     print its state file, current as of now

The pulse hands it the next queued task as soon as its turn ends, warns it at 70% context and
clears it at 80% (cc-agent settings orchestrator.*), and respawns it (at most once a minute) if
its session dies.`,
  text: { what: 'message', sub: 'inject' },
  flags: {
    agent: { type: 'string' },
    model: { type: 'string', shortFlag: 'm' },
    reasoning: { type: 'string', shortFlag: 'r' },
    dir: { type: 'string', shortFlag: 'd' },
    notes: { type: 'string' },
    json: { type: 'boolean' },
  },
});

export const pulse = defineContract({
  name: 'pulse',
  group: 'Orchestration',
  usage: 'pulse start | stop | status [--json] | run [--tick-ms N]',
  summary: 'Run triggers and checks in a long-lived engine (start/stop/status/run)',
  help: `The pulse: ingestion, health checks and triggers in a long-lived engine.
start   run the pulse detached in the background (pidfile and log in $CC_AGENT_HOME)
stop    stop the detached pulse
status  whether it runs, and which engine holds the pulse lease (TUI, server or pulse)
run     run it in the foreground until Ctrl-C
Only one engine leads at a time (a lease in the store); the others stand by.`,
  flags: { json: { type: 'boolean' }, tickMs: { type: 'number', default: 1000 } },
});
