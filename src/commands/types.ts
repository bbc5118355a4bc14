import type { Engine } from '../engine/index.js';
import type { Contract, FlagSpecs, FlagsOf } from './contract.js';

/** What a command may touch: its arguments, typed flags, output streams and (lazily) the engine. */
export interface Io<F extends FlagSpecs = FlagSpecs> {
  input: string[];
  flags: FlagsOf<F>;
  out(text: string): void;
  err(text: string): void;
  /** Opened on first use so `--help` and argument errors never open the store. */
  engine(): Engine;
  readStdin(): Promise<string>;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One CLI subcommand: its contract and what it does. `run` returns the exit code. */
export interface Command<F extends FlagSpecs = FlagSpecs> {
  contract: Contract<F>;
  // A method, not a function property: a command with its own flags is still a Command.
  run(io: Io<F>): Promise<number>;
}

/** The run code of a contract: `io.flags` is typed by the contract's flag spec. */
export const defineCommand = <F extends FlagSpecs>(
  contract: Contract<F>,
  run: (io: Io<F>) => Promise<number>,
): Command<F> => ({ contract, run });

/** The Io of a command with contract `C`: for helpers that read its flags. */
export type IoOf<C> = C extends Contract<infer F> ? Io<F> : never;
