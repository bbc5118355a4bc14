import { defineContract } from '../contract.js';

export const insights = defineContract({
  name: 'insights',
  group: 'Agents',
  usage: 'insights [--json]',
  summary: 'What history says: success, time, tokens and cost per kind of task and model',
  help: `Options:
      --json   every kind with its figures per model and effort, and the recommendation

A finished job's kind is the first line of its prompt: a label (#name or [kind:name]) if it has
one, else the first word family it matches (test, fix, review, refactor, docs, feature), else
other; grouped by sandbox too. Per kind: runs, success rate (completed of all ended), median
duration; per model and effort: runs, success, median tokens and cost. RECOMMENDED is the setup
with the best success rate among those with 3 runs or more, the cheapest (then fastest) of those
within 10 points of it. start --auto and the orchestrator's task messages use it.`,
  flags: { json: { type: 'boolean' } },
});
