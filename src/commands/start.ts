import { textArg } from './args.js';
import { json, modelLabel } from '../view/format.js';
import * as c from './contracts/start.js';
import { defineCommand } from './types.js';

/** What --auto chose, in words. */
const autoWords = (a: { kind: string; model: string | null; effort: string | null } | null) =>
  a
    ? `${a.kind} tasks do best with ${[a.model && `-m ${a.model}`, a.effort && `-r ${a.effort}`].filter(Boolean).join(' ')} (cc-agent insights)`
    : 'no history for this kind of task yet: the defaults';

export const start = defineCommand(c.start, async (io) => {
  const f = io.flags;
  const prompt = await textArg(io, 0, 'prompt', c.start.usage);
  const options = {
    prompt,
    agent: f.agent,
    model: f.model,
    reasoning: f.reasoning,
    sandbox: f.sandbox,
    dir: f.dir,
    files: f.file,
    map: f.map,
    stripAnsi: f.stripAnsi,
    cwd: io.cwd,
    // An agent cc-agent started (the orchestrator) starting a worker: remember whose it is.
    parent: io.env['CC_AGENT_JOB_ID'] || undefined,
    // `--worktree` alone is '': a worktree named after the job.
    worktree: f.worktree === undefined ? undefined : f.worktree || true,
    base: f.base,
    budget: f.budget,
    exclusiveFiles: f.exclusiveFiles,
    auto: f.auto,
  };
  const engine = io.engine();
  if (f.dryRun) {
    const plan = await engine.plan(options);
    if (!plan.installed) io.err(`warning: ${plan.argv[0]} is not installed; 'start' would fail`);
    if (f.json) {
      io.out(
        json({
          dir: plan.dir,
          argv: plan.argv,
          env: plan.env,
          delivery: plan.delivery,
          prompt: plan.prompt,
        }),
      );
      return 0;
    }
    const shown = plan.delivery === 'argv' ? plan.argv.slice(0, -1) : plan.argv;
    io.out(`# dir: ${plan.dir}`);
    if (plan.auto !== undefined) io.out(`# auto: ${autoWords(plan.auto)}`);
    const w = plan.worktree?.worktree;
    // Planned with the id "dry-run": the real one names the branch (and, unnamed, the folder).
    if (w) io.out(`# worktree: made at start, branch ${w.branch} from ${w.baseRef}`);
    io.out(
      `# argv (${plan.argv.length} elements; the prompt is ${plan.delivery === 'argv' ? 'the last element' : 'pasted once the agent is ready'}):`,
    );
    io.out(json(shown));
    io.out(`# prompt (${Buffer.byteLength(plan.prompt)} bytes):`);
    io.out(plan.prompt);
    return 0;
  }
  const job = await engine.start(options);
  if (f.json) {
    io.out(json(job));
    return 0;
  }
  io.out(`${job.id}`);
  io.err(
    `started ${job.backend} ${modelLabel(job)} (${job.sandbox}) in ${job.dir} — ` +
      `watch: cc-agent capture ${job.id} · attach: cc-agent attach ${job.id}`,
  );
  return 0;
});
