/**
 * Errors the user can act on. Every face prints `message` as one line and exits non-zero;
 * `code` lets tests and the server tell them apart without parsing prose.
 */
export type ErrorCode =
  | 'bad_input'
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

export const notFound = (id: string): CcAgentError =>
  new CcAgentError('not_found', `no job with id '${id}' (see: cc-agent jobs)`);
