import { describe, expect, it } from 'vitest';
import { ArgError, EFFORTS, PERMISSION_MODES, parseArgs } from '../../src/demo-agent/args.js';

const UUID = '123e4567-e89b-12d3-a456-426614174000';

/** The ArgError parseArgs throws for argv (fails the test when it does not throw one). */
function argError(argv: string[]): ArgError {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgError);
    return e as ArgError;
  }
  throw new Error(`parseArgs(${JSON.stringify(argv)}) did not throw`);
}

describe('demo-agent parseArgs: defaults and flags', () => {
  it('gives Claude Code defaults for an empty command line', () => {
    expect(parseArgs([])).toEqual({
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
    });
  });

  it('reads every value flag given as a separate word', () => {
    const a = parseArgs([
      '--model',
      'sonnet',
      '--effort',
      'high',
      '--session-id',
      UUID,
      '--resume',
      'abc',
      '--permission-mode',
      'plan',
      '--name',
      'worker-1',
      '--prompt-file',
      '/tmp/p.txt',
    ]);
    expect(a.model).toBe('sonnet');
    expect(a.effort).toBe('high');
    expect(a.sessionId).toBe(UUID);
    expect(a.resume).toBe('abc');
    expect(a.permissionMode).toBe('plan');
    expect(a.name).toBe('worker-1');
    expect(a.promptFile).toBe('/tmp/p.txt');
    expect(a.prompt).toBeUndefined();
  });

  it('accepts the short aliases -r and -n', () => {
    const a = parseArgs(['-r', 'sess', '-n', 'nick']);
    expect(a.resume).toBe('sess');
    expect(a.name).toBe('nick');
  });

  it('reads boolean flags and their short forms', () => {
    expect(parseArgs(['--dangerously-skip-permissions']).skipPermissions).toBe(true);
    expect(parseArgs(['--version']).version).toBe(true);
    expect(parseArgs(['-v']).version).toBe(true);
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it('accepts but ignores --verbose and the system-prompt flags (their value is consumed)', () => {
    const a = parseArgs([
      '--verbose',
      '--append-system-prompt',
      'be terse',
      '--append-system-prompt-file',
      '/tmp/sys.md',
      'the prompt',
    ]);
    expect(a.prompt).toBe('the prompt');
    expect(a).toEqual({ ...parseArgs([]), prompt: 'the prompt' });
  });

  it('takes --flag=value for long value flags', () => {
    const a = parseArgs([
      '--model=haiku',
      '--effort=max',
      `--session-id=${UUID}`,
      '--permission-mode=acceptEdits',
      '--tools=Read,Bash',
      '--name=x',
    ]);
    expect(a.model).toBe('haiku');
    expect(a.effort).toBe('max');
    expect(a.sessionId).toBe(UUID);
    expect(a.permissionMode).toBe('acceptEdits');
    expect(a.tools).toEqual(['Read', 'Bash']);
    expect(a.name).toBe('x');
  });

  it('splits --flag=value at the first = only', () => {
    expect(parseArgs(['--settings={"env":{"A":"b=c"}}']).settings).toEqual(['{"env":{"A":"b=c"}}']);
  });

  it('takes a value that itself starts with a dash from the next word', () => {
    expect(parseArgs(['--name', '-weird-']).name).toBe('-weird-');
  });

  it('accepts every documented effort and permission mode', () => {
    for (const e of EFFORTS) expect(parseArgs(['--effort', e]).effort).toBe(e);
    for (const m of PERMISSION_MODES) {
      expect(parseArgs(['--permission-mode', m]).permissionMode).toBe(m);
    }
  });

  it('accepts an upper-case UUID as session id', () => {
    expect(parseArgs(['--session-id', UUID.toUpperCase()]).sessionId).toBe(UUID.toUpperCase());
  });

  it('keeps every --settings value, in order', () => {
    const a = parseArgs(['--settings', '/a.json', '--settings={"x":1}', '--settings', '/b.json']);
    expect(a.settings).toEqual(['/a.json', '{"x":1}', '/b.json']);
  });
});

describe('demo-agent parseArgs: tool lists', () => {
  it('accepts comma-separated, space-separated and mixed lists', () => {
    expect(parseArgs(['--tools', 'Bash,Read,Edit']).tools).toEqual(['Bash', 'Read', 'Edit']);
    expect(parseArgs(['--tools', 'Bash Read  Edit']).tools).toEqual(['Bash', 'Read', 'Edit']);
    expect(parseArgs(['--tools', ' Bash, Read ,Edit, ']).tools).toEqual(['Bash', 'Read', 'Edit']);
  });

  it('treats --tools "" as the empty tool set, not as "all tools"', () => {
    expect(parseArgs(['--tools', '']).tools).toEqual([]);
  });

  it('lets a later --tools replace an earlier one', () => {
    expect(parseArgs(['--tools', 'Bash', '--tools', 'Read']).tools).toEqual(['Read']);
  });

  it('accumulates repeated --disallowedTools / --allowedTools and their kebab aliases', () => {
    const a = parseArgs([
      '--disallowedTools',
      'Bash,Write',
      '--disallowed-tools',
      'Edit',
      '--allowedTools',
      'Bash(git:*) Read',
      '--allowed-tools=WebFetch',
    ]);
    expect(a.disallowedTools).toEqual(['Bash', 'Write', 'Edit']);
    expect(a.allowedTools).toEqual(['Bash(git:*)', 'Read', 'WebFetch']);
    expect(a.tools).toBeUndefined();
  });
});

describe('demo-agent parseArgs: the prompt and --', () => {
  it('takes one positional word as the prompt, wherever it appears', () => {
    expect(parseArgs(['hello world', '--model', 'x']).prompt).toBe('hello world');
    expect(parseArgs(['--model', 'x', 'hello world']).prompt).toBe('hello world');
  });

  it('treats a lone - as a positional word', () => {
    expect(parseArgs(['-']).prompt).toBe('-');
  });

  it('ends options at --: what follows is the prompt even if it looks like a flag', () => {
    const a = parseArgs(['--model', 'sonnet', '--', '--help']);
    expect(a.prompt).toBe('--help');
    expect(a.help).toBe(false);
    expect(a.model).toBe('sonnet');
  });

  it('accepts a -- with nothing after it', () => {
    expect(parseArgs(['--']).prompt).toBeUndefined();
  });

  it('rejects more than one positional, also across --', () => {
    expect(argError(['one', 'two']).message).toMatch(/too many arguments/);
    expect(argError(['one', '--', 'two']).message).toMatch(/too many arguments/);
    expect(argError(['--', 'a', 'b']).message).toMatch(/too many arguments/);
  });
});

describe('demo-agent parseArgs: errors', () => {
  it('rejects an unknown option, naming it', () => {
    expect(argError(['--frobnicate']).message).toBe("unknown option '--frobnicate'");
    expect(argError(['-x']).message).toBe("unknown option '-x'");
  });

  it('names an unknown --flag=value by its flag alone', () => {
    expect(argError(['--frob=1']).message).toBe("unknown option '--frob'");
  });

  it('rejects a value flag without its value', () => {
    expect(argError(['--model']).message).toBe("option '--model' argument missing");
    expect(argError(['x', '--settings']).message).toMatch(/'--settings' argument missing/);
  });

  it('rejects a bad --effort', () => {
    expect(argError(['--effort', 'extreme']).message).toBe("invalid --effort 'extreme'");
    expect(argError(['--effort=HIGH']).message).toBe("invalid --effort 'HIGH'");
  });

  it('rejects a bad --permission-mode', () => {
    expect(argError(['--permission-mode', 'yolo']).message).toBe(
      "invalid --permission-mode 'yolo'",
    );
    expect(argError(['--permission-mode=']).message).toBe("invalid --permission-mode ''");
  });

  it('rejects a --session-id that is not a UUID', () => {
    expect(argError(['--session-id', 'abc']).message).toMatch(/invalid session id 'abc'/);
    expect(argError(['--session-id', `${UUID}x`]).message).toMatch(/must be a UUID/);
    expect(argError(['--session-id', UUID.replace(/-/g, '')]).message).toMatch(/UUID/);
    expect(argError(['--session-id', `x${UUID}`]).message).toMatch(/UUID/);
  });

  it('throws ArgError, an Error', () => {
    expect(argError(['--nope'])).toBeInstanceOf(Error);
  });
});
