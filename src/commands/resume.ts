import { CcAgentError } from '../engine/index.js';
import { requireArg } from './args.js';
import { json } from '../view/format.js';
import * as c from './contracts/agents.js';
import { defineCommand } from './types.js';

export const resume = defineCommand(c.resume, async (io) => {
  const engine = io.engine();
  if (io.flags.all) {
    if (io.input.length > 0) throw new CcAgentError('bad_input', 'resume --all takes no job id');
    const r = await engine.resumeAll();
    if (io.flags.json) io.out(json(r));
    else {
      for (const j of r.resumed) io.out(`resumed ${j.id} (${j.backend}, session ${j.sessionId})`);
      if (r.resumed.length === 0 && r.failed.length === 0) io.out('nothing to resume');
    }
    for (const f of r.failed) io.err(`cannot resume ${f.id}: ${f.error}`);
    return r.failed.length > 0 ? 1 : 0;
  }
  const job = await engine.resume(requireArg(io, 0, 'job id', c.resume.usage));
  io.out(
    io.flags.json ? json(job) : `resumed ${job.id} (${job.backend}, session ${job.sessionId})`,
  );
  return 0;
});
