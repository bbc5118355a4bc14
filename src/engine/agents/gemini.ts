import type { Sandbox } from '../store/job-types.js';
import type { AgentBackend, ScreenPatterns } from './types.js';

/**
 * Gemini CLI 0.61 screen strings. RAN = seen in tmux with 0.61.0 (no model behind it: first-run
 * dialogs, the idle and thinking screens, /stats); READ = from the CLI's bundle, never seen.
 * UNVERIFIED as a whole: no turn against a real or stub model has been driven yet.
 */
export const geminiScreen: ScreenPatterns = {
  // RAN: the empty input box reads ">   Type your message or @path/to/file", with a
  // "? for shortcuts" hint above it (also shown while busy: busy is checked first).
  ready: /Type your message or @path\/to\/file|\? for shortcuts/,
  // RAN: "⠧ Thinking... (esc to cancel, 1s)".
  busy: /esc to cancel/i,
  // RAN: shown before anything else in a folder not yet trusted. Its first option,
  // "1. Trust folder (<dir>)", is the selected one (Claude Code selects "No, exit").
  trust: /Do you trust the files in this folder\?/,
  // READ: edit, shell, web-fetch and MCP confirmations, and the plan-approval question.
  permission:
    /Apply this change\?|Allow execution of|Do you want to proceed\?|Ready to start implementation/,
  // RAN: /stats prints a "Session Stats" box into the history, not a dialog: it stays on
  // screen until later output scrolls it away, so this state can outlive the command.
  usage: /Session Stats/,
};

function approvalMode(sandbox: Sandbox): string {
  switch (sandbox) {
    case 'read-only':
      // `plan` is 0.61's read-only mode: its built-in policy allows only reading, searching
      // and writing .md plans under ~/.gemini/tmp/<project>/<session>/plans/. `default` would
      // only ask before each write, and --allowed-tools only pre-approves (like claude's
      // --allowedTools). It ends when a person approves a plan or presses Shift+Tab.
      return 'plan';
    case 'workspace-write':
      return 'auto_edit';
    case 'danger-full-access':
      return 'yolo';
  }
}

/**
 * Gemini CLI (npm `@google/gemini-cli`). The prompt goes in as the value of `-i` (interactive
 * with a first prompt): a positional prompt also stays interactive in 0.61, but turns into a
 * one-shot `-p` run when CI=true or stdin is not a terminal. In a folder that is not trusted
 * the CLI overrides any approval mode to `default` (every write asks) until it is trusted.
 */
export const geminiBackend: AgentBackend = {
  name: 'gemini',
  programName: 'gemini',
  installHint: 'npm install -g @google/gemini-cli',
  // Its trust select starts on "1. Trust folder": Enter takes it (Down would pick the parent).
  trustYesKeys: ['Enter'],
  launch(req) {
    // --session-id and --resume are mutually exclusive; --resume takes the full UUID.
    const session = req.resume ? ['--resume', req.sessionId] : ['--session-id', req.sessionId];
    return {
      program: 'gemini',
      args: [
        ...(req.model ? ['-m', req.model] : []),
        '--approval-mode',
        approvalMode(req.sandbox),
        ...session,
      ],
      env: {},
      settings: undefined,
      model: req.model ?? null,
      // Gemini CLI has no effort flag: -r is ignored.
      effort: null,
      sessionId: req.sessionId,
    };
  },
  promptFlag: '-i',
  versionArgs: ['--version'],
  // Gemini has hooks of its own (BeforeTool, AfterAgent, …); relaying them is a later change.
  relaysHooks: false,
  clearCommand: '/clear',
  usageCommand: '/stats',
  screen: geminiScreen,
};
