import { isFlagWord, noFlags, parseFlags, UsageError } from './commands/flags.js';
import type { Contract } from './commands/contract.js';
import { findCommand, registry } from './commands/registry.js';
import type { Io } from './commands/types.js';
import type { Engine } from './engine/index.js';

const VERSION = '0.1.0';

function globalHelp(): string {
  const groups = new Map<string, string[]>();
  const width = Math.max(...registry.map((e) => e.contract.name.length));
  for (const { contract: c } of registry) {
    groups.set(c.group, [
      ...(groups.get(c.group) ?? []),
      `  ${c.name.padEnd(width)}  ${c.summary}`,
    ]);
  }
  const sections = [...groups].map(([g, lines]) => `${g}:\n${lines.join('\n')}`).join('\n\n');
  return `cc-agent ${VERSION} — run an army of AI coding agents from tmux

Usage: cc-agent <command> [options]   (cc-agent <command> --help for details)

${sections}

Environment:
  CC_AGENT_HOME          state directory (default ~/.cc-agent)
  CC_AGENT_TMUX_SOCKET   tmux socket name (-L) or path (-S) for agents (default: your server)
  CC_AGENT_DATABASE_URL  postgres://… : share one store between hosts (default: SQLite here)
  CC_AGENT_HOST_ID       this host's name in a shared store (default: the hostname)
  CC_AGENT_MAX_AGENTS    agents this host starts for queue tasks at once (shared store)
`;
}

const commandHelp = (c: Contract): string =>
  `Usage: cc-agent ${c.usage}\n\n${c.summary}\n${c.help ? `\n${c.help.trimEnd()}\n` : ''}`;

/** The engine's fault reader, once the engine is loaded (help and usage errors never load it). */
let describe: ((e: unknown) => Error | undefined) | undefined;

// `cc-agent jobs | head`: a reader that stops early is not an error. Any other failure to write
// (a detached pulse's log on a full disk) loses the line, never the process: a face that died
// here would leave its pidfile and its lease behind. The exit code still tells.
let lostOutput = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  lostOutput = true;
});
process.stderr.on('error', () => {
  lostOutput = true;
});

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(globalHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = findCommand(name);
  if (!entry) throw new UsageError(`unknown command '${name}' (see: cc-agent --help)`);
  const { contract } = entry;

  // Everything after `--` is positional, verbatim: prompts may start with a dash.
  const dd = rest.indexOf('--');
  const before = dd === -1 ? rest : rest.slice(0, dd);
  const after = dd === -1 ? [] : rest.slice(dd + 1);
  // Help and flag errors come from the contract alone: the run code is not loaded for them.
  const parsed = before.some(isFlagWord)
    ? await parseFlags(contract, before, after)
    : noFlags(contract, before);
  if (parsed.flags.help) {
    process.stdout.write(commandHelp(contract));
    return 0;
  }
  const command = await entry.load();

  const { createEngine, privateUmask, describeFault } = await import('./engine/index.js');
  describe = describeFault;
  // Before any command writes: the home holds the token, prompts and agent output.
  privateUmask();
  let engine: Engine | undefined;
  const io: Io = {
    input: [...parsed.input, ...after],
    flags: parsed.flags,
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    engine: () => {
      if (!engine) {
        // Loaded lazily, after argument checks: bad flags never open (or create) the store.
        engine = createEngine();
      }
      return engine;
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    return await command.run(io);
  } finally {
    engine?.close();
  }
}

async function run(): Promise<void> {
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (e) {
    code = reportError(e);
  }
  process.exitCode = code === 0 && lostOutput ? 1 : code;
}

function reportError(e: unknown): number {
  const err = e as Error & { code?: string };
  if (e instanceof UsageError) {
    process.stderr.write(`cc-agent: ${err.message}\n`);
    return 2;
  }
  if (err?.name === 'CcAgentError') {
    process.stderr.write(`cc-agent: ${err.message}\n`);
    // bad_input is what was typed (a usage error); every other code is the state of things.
    return err.code === 'bad_input' ? 2 : 1;
  }
  // A full disk, a read-only home, a damaged store: the path and what to do, not a stack.
  const fault = describe?.(e);
  if (fault) {
    process.stderr.write(`cc-agent: ${fault.message}\n`);
    if (process.env['CC_AGENT_DEBUG']) process.stderr.write(`${err?.stack ?? ''}\n`);
    return 1;
  }
  // Unexpected: still one line by default, the stack only when asked for.
  process.stderr.write(`cc-agent: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env['CC_AGENT_DEBUG']) process.stderr.write(`${err?.stack ?? ''}\n`);
  return 70;
}

await run();
