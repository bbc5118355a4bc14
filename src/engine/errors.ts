/**
 * Errors the user can act on. Every face prints `message` as one line and exits non-zero;
 * `code` lets tests and the server tell them apart without parsing prose.
 *
 * `bad_input` is a usage error: what was typed is wrong whatever the state of things (a missing
 * argument, a value outside its list or form: an enum, a number, a duration, a cron line, JSON,
 * a name, empty text). The CLI exits 2 for it. `refused` is well-formed input that the state of
 * things turns down (a folder that does not exist, a name already taken, a file .gitignore
 * excludes): exit 1, like `not_found`. Both are HTTP 400.
 */
export type ErrorCode =
  | 'bad_input'
  | 'refused'
  | 'not_found'
  | 'not_running'
  | 'tmux_missing'
  | 'tmux_failed'
  | 'agent_missing'
  | 'timeout'
  | 'blocked'
  | 'store'
  | 'git_failed';

export class CcAgentError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CcAgentError';
    this.code = code;
  }
}

export const badInput = (message: string): CcAgentError => new CcAgentError('bad_input', message);

export const refused = (message: string): CcAgentError => new CcAgentError('refused', message);

export const notFound = (id: string): CcAgentError =>
  new CcAgentError('not_found', `no job with id '${id}' (see: cc-agent jobs)`);
