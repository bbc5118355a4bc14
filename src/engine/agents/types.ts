import type { BackendName, Effort, Sandbox } from '../store/job-types.js';

export interface LaunchRequest {
  jobId: string;
  home: string;
  dir: string;
  model: string | undefined;
  effort: Effort | undefined;
  sandbox: Sandbox;
  /** Pre-assigned session id (claude, demo, gemini): the session can be resumed after a reboot. */
  sessionId: string;
  /** File holding this launch's hook settings (claude --settings). */
  settingsFile: string;
  relayScript: string;
  /** Tool rules run without asking (claude `--allowedTools`), e.g. `Bash(cc-agent:*)`. */
  allowTools?: readonly string[];
  /** Resume this session instead of starting a new one (no prompt). */
  resume?: boolean;
}

export interface LaunchSpec {
  /** Program (bare name resolved on PATH, or absolute) and its arguments, prompt excluded. */
  program: string;
  args: string[];
  env: Record<string, string>;
  /** Settings written to LaunchRequest.settingsFile before launch, if any. */
  settings: Record<string, unknown> | undefined;
  model: string | null;
  effort: Effort | null;
  sessionId: string | null;
}

/** What the screen looks like in each state: kept as data, matched against capture-pane. */
export interface ScreenPatterns {
  /** The input box is up and the agent is not working. */
  ready: RegExp;
  /** A turn is running (the input box is still there and queues text). */
  busy: RegExp;
  /** Folder-trust dialog: fires no hook, so the screen is the only signal. */
  trust: RegExp;
  /** A tool-permission dialog. */
  permission: RegExp;
  /** The /usage dialog is showing. */
  usage: RegExp;
}

export interface AgentBackend {
  name: BackendName;
  /** Program name for `health` and for the "not installed" error. */
  programName: string;
  installHint: string;
  launch(req: LaunchRequest): LaunchSpec;
  /**
   * What precedes a prompt passed on the command line: `--` (the default) ends the options, so
   * the prompt is the positional argument whatever it starts with; gemini takes it as the value
   * of `-i`, which cannot start with `-` (such prompts are pasted instead).
   */
  promptFlag?: string;
  /**
   * Keys that answer the folder-trust question yes (default: Claude Code 2.1's select, where
   * "No, exit" comes first and is selected, so Down then Enter).
   */
  trustYesKeys?: readonly string[];
  /** argv (after the program) that prints the version. */
  versionArgs: string[];
  /**
   * Its clear command fires SessionStart (source "clear") with the new session id at once, so
   * `clear` can wait for it. Default true for backends that relay hooks.
   */
  clearStartsSession?: boolean;
  /** Launches with cc-agent's hook relay, so hook events can be awaited as readiness signals. */
  relaysHooks: boolean;
  clearCommand: string;
  usageCommand: string;
  screen: ScreenPatterns;
}
