import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { App } from '../../src/demo-agent/app.js';
import { parseArgs } from '../../src/demo-agent/args.js';
import { Screen } from '../../src/demo-agent/screen.js';
import { Session } from '../../src/demo-agent/session.js';
import type { HookTable, Settings } from '../../src/demo-agent/settings.js';

/* eslint-disable no-control-regex -- the screen is made of escape sequences */
/** Colour codes and the cursor moves/erases the renderer writes. */
export const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** A real Screen that also remembers every committed line (without colours). */
class RecordingScreen extends Screen {
  committed: string[] = [];
  override commit(lines: string[]): void {
    this.committed.push(...lines.map(plain));
    super.commit(lines);
  }
}

export interface DemoRig {
  app: App;
  session: Session;
  /** The agent's working folder (its name has a space). */
  cwd: string;
  configDir: string;
  /** Lines committed above the live region, colours removed. */
  committed(): string[];
  /** Every hook payload received so far, in the order the hooks wrote them. */
  hooks(): Record<string, unknown>[];
  /** Payloads of one event. */
  hooksOf(event: string): Record<string, unknown>[];
  /** (code, reason) of every app.exit call. */
  exits: [number, string][];
  /** What the App handed to its submit callback (queued prompts, drained). */
  submitted: string[];
  cleanup(): void;
}

const EVENTS = [
  'SessionStart',
  'SessionEnd',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PermissionRequest',
  'PermissionDenied',
  'Notification',
  'Stop',
  'StopFailure',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
];

/**
 * The simulated agent's App and Session wired as main.ts wires them, minus the terminal: the
 * screen writes into a stream, and a real `sh` hook for every event appends its stdin payload
 * to a log (one printf per payload, so concurrent hooks never interleave a line).
 */
export function demoRig(argv: string[] = [], extraHooks: HookTable = {}): DemoRig {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cc-demo-rig-')));
  const cwd = join(root, 'my project');
  const configDir = join(root, 'config');
  mkdirSync(cwd);
  mkdirSync(configDir);
  const log = join(root, 'hooks.jsonl');
  const record = { type: 'command', command: `p=$(cat); printf '%s\\n' "$p" >> '${log}'` };
  const hooks: HookTable = {};
  for (const event of EVENTS) hooks[event] = [{ hooks: [record] }, ...(extraHooks[event] ?? [])];
  const settings: Settings = { hooks, skipDangerousModePermissionPrompt: false };
  const session = new Session(parseArgs(argv), settings, configDir, cwd);
  const out = new PassThrough();
  out.resume();
  const stream = Object.assign(out, { columns: 100 }) as unknown as NodeJS.WriteStream;
  const screen = new RecordingScreen(stream);
  const exits: [number, string][] = [];
  const submitted: string[] = [];
  const app = new App(
    screen,
    session,
    1000,
    (_app, text) => void submitted.push(text),
    async (code, reason) => void exits.push([code, reason]),
  );
  const hooksRead = (): Record<string, unknown>[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
  return {
    app,
    session,
    cwd,
    configDir,
    committed: () => [...screen.committed],
    hooks: hooksRead,
    hooksOf: (event) => hooksRead().filter((h) => h['hook_event_name'] === event),
    exits,
    submitted,
    cleanup: () => {
      app.interrupt();
      out.destroy();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The records of a transcript file, parsed. */
export function transcriptRecords(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
