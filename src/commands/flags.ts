import type { Contract, FlagSpecs, FlagsOf } from './contract.js';

/** What was typed cannot be run as typed: exit 2, before the engine (or the store) is loaded. */
export class UsageError extends Error {}

export interface Parsed<F extends FlagSpecs = FlagSpecs> {
  input: string[];
  flags: FlagsOf<F>;
}

type Values = Record<string, unknown>;

/**
 * The parser's record as the contract's typed flags: the one place they are taken on trust.
 * Every value was set from the spec (noFlags) or checked against it (meow, numberValue).
 */
const typed = <F extends FlagSpecs>(values: Values): FlagsOf<F> => values as FlagsOf<F>;

const kebab = (name: string): string => name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
const camel = (name: string): string =>
  name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A word the flag parser must see; a lone `-` is the "read stdin" argument. */
export const isFlagWord = (w: string): boolean => w.startsWith('-') && w !== '-';

/** A word as a shell would need it typed again (`'-v flag docs'`). */
const shellWord = (w: string): string =>
  /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;

/** Every spelling the parser may report for a known flag (name, kebab-case, short). */
function knownFlagNames(c: Contract): Set<string> {
  const names = new Set(['help', 'h']);
  for (const [name, spec] of Object.entries(c.flags)) {
    names.add(name);
    names.add(kebab(name));
    if (spec.shortFlag) names.add(spec.shortFlag);
  }
  return names;
}

/**
 * No flag words at all (`cc-agent send <id> "msg"`): every flag takes its default, exactly as
 * meow would give it. meow costs ~35 ms to load, a quarter of `send`'s budget, so the commonest
 * calls skip it.
 */
export function noFlags<F extends FlagSpecs>(command: Contract<F>, input: string[]): Parsed<F> {
  const flags: Values = { help: false };
  for (const [name, spec] of Object.entries(command.flags)) {
    if (spec.default !== undefined) flags[name] = spec.default;
    else if (spec.isMultiple) flags[name] = [];
    else if (spec.type === 'boolean') flags[name] = false;
  }
  return { input, flags: typed<F>(flags) };
}

/** `--flag [value]` → `--flag=value` or `--flag=` before the parser sees it (FlagSpec.optionalValue). */
function settleOptionalValues(command: Contract, argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const spec = Object.entries(command.flags).find(
      ([n, s]) => s.optionalValue && word === `--${kebab(n)}`,
    )?.[1];
    if (!spec?.optionalValue) {
      out.push(word);
      continue;
    }
    const next = argv[i + 1];
    const takes = next !== undefined && spec.optionalValue.test(next);
    out.push(`${word}=${takes ? next : ''}`);
    if (takes) i++;
  }
  return out;
}

/** Where the user typed the flag the parser reports as `key`: `bogusFlag` → `--bogus-flag`, `r` → `-rf`. */
function typedFlag(words: string[], key: string): { shown: string; index: number } | undefined {
  for (const [index, w] of words.entries()) {
    if (!isFlagWord(w) || /^-\d/.test(w)) continue;
    if (w.startsWith('--')) {
      const name = w.slice(2).split('=')[0] ?? '';
      const bare = name.startsWith('no-') ? name.slice(3) : name;
      if ([name, camel(name), bare, camel(bare)].includes(key))
        return { shown: `--${name}`, index };
    } else if (key.length === 1 && w.slice(1).includes(key)) {
      return { shown: shellWord(w), index };
    }
  }
  return undefined;
}

/**
 * The unknown flag as typed; for a command that takes text (a message, a prompt, a task), the
 * same command line with `--` before it, which is how text that starts with a dash is given.
 */
function unknownFlag(
  name: string,
  command: Contract,
  words: string[],
  after: string[],
  key: string,
): UsageError {
  const typed = typedFlag(words, key);
  const shown = typed?.shown ?? `${key.length === 1 ? '-' : '--'}${key}`;
  let hint = `see: cc-agent ${name} --help`;
  const text = command.text;
  const positional = words.filter((w) => !isFlagWord(w));
  if (text && typed && (text.sub === undefined || positional[0] === text.sub)) {
    const fixed = [...words.slice(0, typed.index), '--', ...words.slice(typed.index), ...after];
    hint += `; a ${text.what} that starts with '-' goes after --: cc-agent ${name} ${fixed.map(shellWord).join(' ')}`;
  }
  return new UsageError(`unknown flag ${shown} for '${name}' (${hint})`);
}

/** A number flag's text as a number, or a usage error quoting what was typed (never `NaN`). */
function numberValue(flag: string, text: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`invalid --${kebab(flag)} '${text}' (a number)`);
  }
  return n;
}

export async function parseFlags<F extends FlagSpecs>(
  command: Contract<F>,
  given: string[],
  after: string[],
): Promise<Parsed<F>> {
  const { name } = command;
  const argv = settleOptionalValues(command, given);
  // Numbers reach meow as strings: it would turn `abc` into NaN and lose what was typed. Their
  // default is put in after, as a number.
  const specs = Object.fromEntries(
    Object.entries(command.flags).map(([n, s]) => {
      if (s.type !== 'number') return [n, s];
      const { default: _put, ...rest } = s;
      return [n, { ...rest, type: 'string' }];
    }),
  );
  const { default: meow } = await import('meow');
  let parsed;
  try {
    parsed = meow({
      importMeta: import.meta,
      pkg: { name: 'cc-agent', version: '' },
      argv,
      autoHelp: false,
      autoVersion: false,
      allowUnknownFlags: true,
      flags: { ...specs, help: { type: 'boolean', shortFlag: 'h' } } as never,
    });
  } catch (e) {
    // e.g. "The flag --limit can only be set once."
    const why = (e as Error).message.replace(/\.$/, '');
    throw new UsageError(
      `${why.charAt(0).toLowerCase()}${why.slice(1)} (see: cc-agent ${name} --help)`,
    );
  }
  const known = knownFlagNames(command);
  const unknown = Object.keys(parsed.unnormalizedFlags).find((f) => !known.has(f));
  if (unknown !== undefined) throw unknownFlag(name, command, given, after, unknown);
  const flags: Values = { ...(parsed.flags as Values) };
  for (const [flag, spec] of Object.entries(command.flags)) {
    const v = flags[flag];
    if (spec.type !== 'number') continue;
    if (typeof v === 'string') flags[flag] = numberValue(flag, v);
    else if (v === undefined && spec.default !== undefined) flags[flag] = spec.default;
  }
  return { input: parsed.input.map(String), flags: typed<F>(flags) };
}
