/**
 * What a command is, apart from what it does: its name, place in `cc-agent --help`, usage,
 * help and flags. Contracts import nothing that loads the engine, so the registry reads them
 * all at once while `--help` and argument errors stay fast; the run code loads only to run.
 */
export interface FlagSpec {
  /** A 'number' reaches the command as a number; text that is not one is a usage error (flags.ts). */
  type: 'string' | 'boolean' | 'number';
  shortFlag?: string;
  isMultiple?: boolean;
  default?: string | boolean | number;
  /**
   * A string flag whose value may be left out (`--worktree` or `--worktree <name>`): the next
   * word is its value only when it matches; alone it is ''.
   */
  optionalValue?: RegExp;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

interface Scalars {
  string: string;
  boolean: boolean;
  number: number;
}
type Scalar<S extends FlagSpec> = Scalars[S['type']];

/**
 * A flag's value as the parser gives it: a list when repeatable, a boolean always set (false
 * when absent), a value with a default always set, anything else possibly undefined.
 */
export type FlagValue<S extends FlagSpec> = S extends { isMultiple: true }
  ? Scalar<S>[]
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { default: string | number | boolean }
      ? Scalar<S>
      : Scalar<S> | undefined;

/** Every flag of a spec, typed by it, and `help`, which every command takes. */
export type FlagsOf<F extends FlagSpecs> = { readonly [K in keyof F]: FlagValue<F[K]> } & {
  readonly help: boolean;
};

/** Where a command is listed in `cc-agent --help`. */
export type Group = 'Agents' | 'Orchestration' | 'Talking to agents' | 'Context' | 'Setup';

export interface Contract<F extends FlagSpecs = FlagSpecs> {
  name: string;
  group: Group;
  /** One line: the command's row in `cc-agent --help` and the line under its usage. */
  summary: string;
  usage: string;
  /** Extra help lines (options, examples) after the usage and summary. */
  help: string;
  flags: F;
  /**
   * The free text it takes (a message, a prompt, a task; `sub`: only after that subcommand): an
   * unknown flag then tells how to give text that starts with a dash (after `--`).
   */
  text?: { what: string; sub?: string };
}

/** A contract with its flag types kept exactly as written (`type: 'boolean'`, not string). */
export const defineContract = <const F extends FlagSpecs>(c: Contract<F>): Contract<F> => c;
