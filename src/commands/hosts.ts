import { json, table } from '../view/format.js';
import { beatLabel, capacityLabel } from '../view/hosts.js';
import * as c from './contracts/hosts.js';
import { defineCommand } from './types.js';

export const hosts = defineCommand(c.hosts, async (io) => {
  const engine = io.engine();
  const all = engine.hosts.list();
  if (io.flags.json) {
    io.out(json(all));
    return 0;
  }
  const now = Date.now();
  io.out(
    table(
      ['HOST', 'AGENTS', 'HEARTBEAT'],
      all.map((h) => [`${h.id}${h.here ? ' (here)' : ''}`, capacityLabel(h), beatLabel(h, now)]),
    ),
  );
  if (!engine.hosts.shared)
    io.out('one host: set CC_AGENT_DATABASE_URL on each machine to share a PostgreSQL store');
  return 0;
});
