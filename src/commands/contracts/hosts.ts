import { defineContract } from '../contract.js';

export const hosts = defineContract({
  name: 'hosts',
  group: 'Agents',
  usage: 'hosts [--json]',
  summary: 'The hosts sharing a PostgreSQL store: agents, capacity, last heartbeat',
  help: `Options:
      --json   every host with its figures

With CC_AGENT_DATABASE_URL set, several machines share one store; each names itself with
CC_AGENT_HOST_ID (default: its hostname). A host is up while its engine (cc-agent pulse start,
serve or the TUI) beats every 5 s; after 20 s without one it is DOWN: its running jobs show as
unknown (not failed), and send, kill and the like on them fail at once.`,
  flags: { json: { type: 'boolean' } },
});
