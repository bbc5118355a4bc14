import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AgentArgs } from './args.js';

export const ALL_TOOLS = [
  'Bash',
  'Edit',
  'Write',
  'MultiEdit',
  'NotebookEdit',
  'Read',
  'Grep',
  'Glob',
  'Task',
  'WebFetch',
  'WebSearch',
];
const READ_TOOLS = new Set(['Read', 'Grep', 'Glob', 'WebFetch', 'WebSearch']);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

export type Permission = 'allow' | 'ask' | 'deny' | 'unavailable';

/** `Bash(git:*)` names the Bash tool; the pattern part is not modelled. */
const toolName = (spec: string): string => spec.replace(/\(.*$/, '');

/** The permission mode hooks report, as Claude Code names it. */
export function effectiveMode(args: AgentArgs): string {
  return args.skipPermissions ? 'bypassPermissions' : args.permissionMode;
}

/**
 * Whether a tool call may run: the tool must be in the session's set (--tools minus
 * --disallowedTools), then the permission mode and --allowedTools decide allow/ask/deny.
 */
/** Commands that only read: no mode asks for them. */
const READING_COMMANDS = new Set([
  'echo',
  'ls',
  'cat',
  'pwd',
  'head',
  'tail',
  'wc',
  'grep',
  'true',
  'printf',
]);
const NETWORK = /\b(curl|wget|ssh|scp|sftp|rsync|nc|ncat|telnet|ftp)\b/;

/**
 * Whether a Bash command runs without a question. RAN against 2.1.331 in acceptEdits mode:
 * `echo hi`, `mkdir -p d && touch d/f`, `rm -f f` and `echo x > f` ran unasked (they stay in the
 * working folder); `touch /tmp/f` (outside it) and `curl …` (network) asked. Other modes run
 * only reading commands unasked.
 */
export function bashRunsUnasked(command: string, mode: string, cwd: string): boolean {
  if (mode === 'acceptEdits') {
    if (NETWORK.test(command) || /(^|[\s/])\.\.(\/|\s|$)/.test(command)) return false;
    const absolute = command.match(/(?<=^|[\s=<>])\/[^\s;|&<>]*/g) ?? [];
    return absolute.every((p) => p === cwd || p.startsWith(`${cwd}/`));
  }
  if (/[>`]|\$\(/.test(command)) return false;
  const words = command.split(/&&|\|\||;|\|/).map((part) => part.trim().split(/\s+/)[0] ?? '');
  return words.every((w) => READING_COMMANDS.has(w));
}

export function permissionFor(
  args: AgentArgs,
  tool: string,
  sessionAllowed: Set<string>,
  command?: string,
  cwd = process.cwd(),
): Permission {
  const set = args.tools ?? ALL_TOOLS;
  const denied = new Set(args.disallowedTools.map(toolName));
  if (!set.includes(tool) || denied.has(tool)) return 'unavailable';
  const mode = effectiveMode(args);
  if (mode === 'bypassPermissions') return 'allow';
  if (READ_TOOLS.has(tool)) return 'allow';
  if (args.allowedTools.map(toolName).includes(tool) || sessionAllowed.has(tool)) return 'allow';
  if (mode === 'plan' || mode === 'dontAsk') return 'deny';
  if (mode === 'acceptEdits' && EDIT_TOOLS.has(tool)) return 'allow';
  if (tool === 'Bash' && command !== undefined && bashRunsUnasked(command, mode, cwd)) {
    return 'allow';
  }
  return 'ask';
}

export interface ToolRun {
  ok: boolean;
  /** tool_response for PostToolUse, or the error text for PostToolUseFailure. */
  response: unknown;
  /** What the screen shows under the tool line. */
  summary: string;
}

/** Run a tool for real in the agent's cwd. Bash is killed when the turn is interrupted. */
export async function runTool(
  tool: string,
  input: Record<string, string>,
  cwd: string,
  signal: AbortSignal,
): Promise<ToolRun> {
  try {
    switch (tool) {
      case 'Bash':
        return await bash(input['command'] ?? '', cwd, signal);
      case 'Write': {
        const file = resolve(cwd, input['file_path'] ?? '');
        const existed = existsSync(file);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, input['content'] ?? '');
        const lines = (input['content'] ?? '').split('\n').length;
        return {
          ok: true,
          response: {
            type: existed ? 'update' : 'create',
            filePath: file,
            content: input['content'],
          },
          summary: `Wrote ${lines} lines to ${input['file_path']}`,
        };
      }
      case 'Edit': {
        const file = resolve(cwd, input['file_path'] ?? '');
        const before = readFileSync(file, 'utf8');
        const old = input['old_string'] ?? '';
        if (!before.includes(old)) return fail('String to replace not found in file.');
        // A replacer function: `$&` or `$$` in the new text are text, not patterns.
        writeFileSync(
          file,
          before.replace(old, () => input['new_string'] ?? ''),
        );
        return {
          ok: true,
          response: { filePath: file, oldString: old, newString: input['new_string'] },
          summary: `Updated ${input['file_path']}`,
        };
      }
      case 'Read': {
        const file = resolve(cwd, input['file_path'] ?? '');
        const content = readFileSync(file, 'utf8');
        const lines = content.split('\n').length;
        return {
          ok: true,
          response: {
            type: 'text',
            file: { filePath: file, content, numLines: lines },
          },
          summary: `Read ${lines} lines`,
        };
      }
      default:
        return { ok: true, response: { result: 'ok' }, summary: 'Done' };
    }
  } catch (e) {
    return fail((e as Error).message);
  }
}

const fail = (message: string): ToolRun => ({
  ok: false,
  response: message,
  summary: `Error: ${message}`,
});

function bash(command: string, cwd: string, signal: AbortSignal): Promise<ToolRun> {
  if (signal.aborted) return Promise.resolve(fail('Interrupted before the command ran'));
  return new Promise((done) => {
    // Its own process group, so an interrupt kills the command's children too (`sleep 8; …`).
    const child = spawn('sh', ['-c', command], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const abort = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    signal.addEventListener('abort', abort, { once: true });
    child.on('error', (e) => done(fail(e.message)));
    child.on('close', (code) => {
      signal.removeEventListener('abort', abort);
      const first = (stdout || stderr).trim().split('\n').slice(0, 3).join(' ⏎ ');
      if (code === 0) {
        done({
          ok: true,
          response: { stdout, stderr, interrupted: false, isImage: false },
          summary: first || '(No content)',
        });
      } else {
        done(fail(`Exit code ${code ?? 'signal'}\n${stderr || stdout}`.trim()));
      }
    });
  });
}
