import { CcAgentError } from '../engine/index.js';
import type { Io } from './types.js';

/** The one positional a command needs, or a clear usage error naming it. */
export function requireArg(
  io: Pick<Io, 'input'>,
  index: number,
  what: string,
  usage: string,
): string {
  const v = io.input[index];
  if (v === undefined || v === '') {
    throw new CcAgentError('bad_input', `missing ${what} (usage: cc-agent ${usage})`);
  }
  return v;
}

/**
 * Text given as the remaining arguments (joined by spaces, like echo), or read from stdin when
 * it is `-` — the way to pass text that starts with a dash or is too big for a command line.
 */
export async function textArg(
  io: Pick<Io, 'input' | 'readStdin'>,
  from: number,
  what: string,
  usage: string,
): Promise<string> {
  const parts = io.input.slice(from);
  if (parts.length === 0)
    throw new CcAgentError('bad_input', `missing ${what} (usage: cc-agent ${usage})`);
  const text = parts.length === 1 && parts[0] === '-' ? await io.readStdin() : parts.join(' ');
  // Refused here, as what was typed: the engine would refuse it too, but as its own error.
  if (text.trim() === '') throw new CcAgentError('bad_input', `the ${what} is empty`);
  return text;
}

/** The subcommand in the first argument (`queue add …`): one of `subs`, or a clear error. */
export function subcommand<T extends string>(io: Io, subs: readonly T[], what: string): T {
  const sub = io.input[0];
  if (!sub || !(subs as readonly string[]).includes(sub)) {
    throw new CcAgentError(
      'bad_input',
      `${sub ? `unknown ${what} subcommand '${sub}'` : `missing ${what} subcommand`} (expected one of: ${subs.join(', ')})`,
    );
  }
  return sub as T;
}

/** `--port`: 0–65535 (0 = any free port), 3131 when not given. */
export function portFlag(given: number | undefined): number {
  const p = given ?? 3131;
  if (!Number.isInteger(p) || p < 0 || p > 65535) {
    throw new CcAgentError('bad_input', `invalid --port '${String(p)}' (0-65535)`);
  }
  return p;
}
