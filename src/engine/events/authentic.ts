import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Which relayed events belong to their job. The spool is writable by anything running as the
 * user, every agent's Bash included, and the relay takes the job id from the environment: so
 * `CC_AGENT_JOB_ID=<other job> relay-event.sh` can claim any job. A job id is public (listed,
 * printed, given to orchestrator workers); what a forger does not have is the job's session:
 *
 * - An event counts only when its session_id is the job's current session: the one cc-agent
 *   assigned at launch (claude, demo, gemini) or the one the job has announced since.
 * - Only a SessionStart can announce a session (Codex picks its own id; /clear starts a new
 *   one), and only when the relay wrapped it with the job's launch key (CC_AGENT_HOOK_KEY): a
 *   random secret cc-agent puts in that job's pane environment alone. Another agent has its
 *   own key, not this one. A job from before keys existed may announce its first session only.
 * - Anything else (no job, no session, another session) is an orphan: stored and shown for
 *   inspection, never applied, announced or used to find transcripts.
 *
 * Not a wall between processes of one user (the store, /proc and tmux's session environment
 * are readable to them): it stops an agent that knows only another job's id.
 */

export interface JobIdentity {
  session_id: string | null;
  hook_key?: string | null;
}

export type Verdict =
  | { orphan: true }
  /** `announces`: the job's session from now on (a SessionStart with a new id). */
  | { orphan: false; announces?: string };

/** A new launch key: 128 random bits, hex (the relay accepts only [A-Za-z0-9]). */
export const newHookKey = (): string => randomBytes(16).toString('hex');

const sameKey = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function judgeEvent(
  job: JobIdentity | undefined,
  event: string,
  sessionId: string | null,
  key: string | undefined,
): Verdict {
  if (!job || !sessionId) return { orphan: true };
  if (sessionId === job.session_id) return { orphan: false };
  if (event !== 'SessionStart') return { orphan: true };
  const keyed = job.hook_key ? key !== undefined && sameKey(key, job.hook_key) : false;
  const legacyFirst = !job.hook_key && job.session_id === null;
  return keyed || legacyFirst ? { orphan: false, announces: sessionId } : { orphan: true };
}
