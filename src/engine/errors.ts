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

/**
 * The input field an error is about (`reasoning`, `sandbox`, `cron`), and its words with the
 * field's name left to the face: the CLI names it as typed (`--reasoning`), the API by its key
 * (`reasoning`), the page by its label (`Reasoning`).
 */
export interface FieldWords {
  field: string;
  say: (name: string) => string;
}

export class CcAgentError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly #say: ((name: string) => string) | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; about?: FieldWords }) {
    super(message, options);
    this.name = 'CcAgentError';
    this.code = code;
    this.field = options?.about?.field;
    this.#say = options?.about?.say;
  }

  /** The message with its field named `name`; the message itself when it is about no field. */
  naming(name: string): string {
    return this.#say ? this.#say(name) : this.message;
  }
}

/**
 * What was given for `field` is wrong. The message names it as the CLI takes it (`as`, by
 * default `--<field>`), the words every existing face and test knows; `naming` words it anew.
 */
export function fieldError(
  field: string,
  say: (name: string) => string,
  as = `--${field.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`,
): CcAgentError {
  return new CcAgentError('bad_input', say(as), { about: { field, say } });
}

export const badInput = (message: string): CcAgentError => new CcAgentError('bad_input', message);

export const refused = (message: string): CcAgentError => new CcAgentError('refused', message);

export const notFound = (id: string): CcAgentError =>
  new CcAgentError('not_found', `no job with id '${id}' (see: cc-agent jobs)`);
