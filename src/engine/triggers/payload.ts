import { backendFor } from '../agents/registry.js';
import { fieldError, type CcAgentError } from '../errors.js';
import { validDir, validEffort, validModel, validSandbox, validText } from '../jobs/validate.js';
import { validPriority } from '../queue/queue.js';
import type { TriggerAction } from './spec.js';

type Payload = Record<string, unknown>;
type Check = (value: unknown, key: string, cwd: string) => unknown;

/** `--payload "key" …`: about the payload, whichever of its keys is wrong. */
const payloadError = (words: (name: string) => string): CcAgentError =>
  fieldError('payload', words);

/** A string the key must hold. */
const str = (value: unknown, key: string): string => {
  if (typeof value !== 'string') throw payloadError((n) => `${n} "${key}" must be a string`);
  return value;
};
const prompt: Check = (v, key) => {
  const s = str(v, key);
  if (s.trim() === '') throw payloadError((n) => `${n} "${key}" is empty`);
  return validText(s, `--payload "${key}"`);
};
const message: Check = (v, key) => validText(str(v, key), `--payload "${key}"`);
const agent: Check = (v, key) => backendFor(str(v, key)).name;
const model: Check = (v, key) => validModel(str(v, key));
const reasoning: Check = (v, key) => validEffort(str(v, key));
const sandbox: Check = (v, key) => validSandbox(str(v, key));
// Stored absolute: the action runs later, from the pulse, whose working folder is not ours.
const dir: Check = (v, key, cwd) => validDir(str(v, key), cwd);
const jobId: Check = (v, key) => {
  const s = str(v, key);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(s)) throw payloadError((n) => `${n} "${key}" is not a job id`);
  return s;
};
const priority: Check = (v) => {
  if (typeof v !== 'number') throw payloadError((n) => `${n} "priority" must be a whole number`);
  return validPriority(v);
};

/** Per action: the keys its payload may hold, and which of them it needs. */
const SCHEMA: Record<TriggerAction, { keys: Record<string, Check>; need: string[] }> = {
  notify: { keys: { message }, need: [] },
  queue_task: { keys: { prompt, priority }, need: ['prompt'] },
  inject_prompt: { keys: { prompt, job: jobId }, need: ['prompt'] },
  clear_context: { keys: { job: jobId }, need: [] },
  start_agent: {
    keys: { prompt, agent, model, reasoning, sandbox, dir },
    need: ['prompt'],
  },
  start_orchestrator: { keys: { agent, model, reasoning, dir }, need: [] },
};

/**
 * Check a trigger's payload for its action when the trigger is added, as `start` checks its
 * flags: a trigger fires later, unattended, so a bad agent name, a sandbox that does not exist
 * or a missing folder must be refused now rather than fail (or worse, run) at 3 a.m.
 */
export function validPayload(action: TriggerAction, payload: Payload | null, cwd: string) {
  const { keys, need } = SCHEMA[action];
  const out: Payload = {};
  for (const [key, value] of Object.entries(payload ?? {})) {
    const check = keys[key];
    if (!check) {
      const known = Object.keys(keys);
      throw payloadError(
        (n) =>
          `${n} for ${action} has an unknown key "${key}" (expected: ${known.length ? known.join(', ') : 'none'})`,
      );
    }
    out[key] = check(value, key, cwd);
  }
  for (const key of need) {
    if (!(key in out)) throw payloadError((n) => `${action} needs a ${n} with "${key}"`);
  }
  return payload === null && need.length === 0 ? null : out;
}
