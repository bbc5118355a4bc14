import type { Engine } from '../engine/index.js';

export type FlagType = 'string' | 'boolean' | 'number';

export interface FlagSpec {
  /** A 'number' reaches the command as a number; text that is not one is a usage error (flags.ts). */
  type: FlagType;
  shortFlag?: string;
  isMultiple?: boolean;
  default?: unknown;
  /**
   * A string flag whose value may be left out (`--worktree` or `--worktree <name>`): the next
   * word is its value only when it matches; alone it is ''.
   */
  optionalValue?: RegExp;
}

export type FlagValues = Record<string, unknown>;

/** What a command may touch: its arguments, output streams and (lazily) the engine. */
export interface Io {
  input: string[];
  flags: FlagValues;
  out(text: string): void;
  err(text: string): void;
  /** Opened on first use so `--help` and argument errors never open the store. */
  engine(): Engine;
  readStdin(): Promise<string>;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One CLI subcommand: its help text, its flags, and what it does. Returns the exit code. */
export interface Command {
  usage: string;
  summary: string;
  /** Extra help lines (options, examples) after the usage and summary. */
  help: string;
  flags: Record<string, FlagSpec>;
  /**
   * The free text it takes (a message, a prompt, a task; `sub`: only after that subcommand): an
   * unknown flag then tells how to give text that starts with a dash (after `--`).
   */
  text?: { what: string; sub?: string };
  run(io: Io): Promise<number>;
}
