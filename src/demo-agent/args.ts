/**
 * Claude Code's launch flags, as far as the simulated agent honours them. Parsing is strict in
 * the same way the real CLI is: an unknown option or a bad value is an error, `--` ends options.
 */
export interface AgentArgs {
  model: string;
  effort: string;
  sessionId: string | undefined;
  resume: string | undefined;
  /** --settings values in order: a JSON object or a file path. */
  settings: string[];
  permissionMode: string;
  skipPermissions: boolean;
  /** Exact built-in tool set (--tools), or undefined for all. */
  tools: string[] | undefined;
  disallowedTools: string[];
  allowedTools: string[];
  name: string | undefined;
  prompt: string | undefined;
  promptFile: string | undefined;
  version: boolean;
  help: boolean;
}

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];
export const PERMISSION_MODES = [
  'acceptEdits',
  'auto',
  'bypassPermissions',
  'default',
  'manual',
  'dontAsk',
  'plan',
];

const VALUE_FLAGS: Record<string, string> = {
  '--model': 'model',
  '--effort': 'effort',
  '--session-id': 'sessionId',
  '--resume': 'resume',
  '-r': 'resume',
  '--settings': 'settings',
  '--permission-mode': 'permissionMode',
  '--tools': 'tools',
  '--disallowedTools': 'disallowedTools',
  '--disallowed-tools': 'disallowedTools',
  '--allowedTools': 'allowedTools',
  '--allowed-tools': 'allowedTools',
  '-n': 'name',
  '--name': 'name',
  '--prompt-file': 'promptFile',
  '--append-system-prompt': 'ignored',
  '--append-system-prompt-file': 'ignored',
};
const BOOL_FLAGS: Record<string, string> = {
  '--dangerously-skip-permissions': 'skipPermissions',
  '--version': 'version',
  '-v': 'version',
  '--help': 'help',
  '-h': 'help',
  '--verbose': 'ignored',
};

export class ArgError extends Error {}

/** Tool lists may be given comma- or space-separated, as Claude Code accepts both. */
const toolList = (v: string): string[] => v.split(/[\s,]+/).filter(Boolean);

export function parseArgs(argv: readonly string[]): AgentArgs {
  const a: AgentArgs = {
    model: 'opus',
    effort: 'medium',
    sessionId: undefined,
    resume: undefined,
    settings: [],
    permissionMode: 'auto',
    skipPermissions: false,
    tools: undefined,
    disallowedTools: [],
    allowedTools: [],
    name: undefined,
    prompt: undefined,
    promptFile: undefined,
    version: false,
    help: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (BOOL_FLAGS[flag]) {
      const key = BOOL_FLAGS[flag];
      if (key !== 'ignored') (a as unknown as Record<string, boolean>)[key] = true;
      continue;
    }
    const key = VALUE_FLAGS[flag];
    if (!key) throw new ArgError(`unknown option '${flag}'`);
    const value = eq > 0 ? word.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ArgError(`option '${flag}' argument missing`);
    assign(a, key, flag, value);
  }
  if (positional.length > 1) throw new ArgError('too many arguments: expected one prompt');
  a.prompt = positional[0];
  return a;
}

function assign(a: AgentArgs, key: string, flag: string, value: string): void {
  switch (key) {
    case 'effort':
      if (!EFFORTS.includes(value)) throw new ArgError(`invalid ${flag} '${value}'`);
      a.effort = value;
      return;
    case 'permissionMode':
      if (!PERMISSION_MODES.includes(value)) throw new ArgError(`invalid ${flag} '${value}'`);
      a.permissionMode = value;
      return;
    case 'sessionId':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
        throw new ArgError(`invalid session id '${value}': must be a UUID`);
      }
      a.sessionId = value;
      return;
    case 'settings':
      a.settings.push(value);
      return;
    case 'tools':
      a.tools = toolList(value);
      return;
    case 'disallowedTools':
      a.disallowedTools.push(...toolList(value));
      return;
    case 'allowedTools':
      a.allowedTools.push(...toolList(value));
      return;
    case 'ignored':
      return;
    default:
      (a as unknown as Record<string, string>)[key] = value;
  }
}
