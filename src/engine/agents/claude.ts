import { claudeLaunch } from './claude-flags.js';
import type { AgentBackend, ScreenPatterns } from './types.js';

/** Claude Code 2.1.x screen strings (shared by the simulated agent, which draws the same). */
export const claudeScreen: ScreenPatterns = {
  // The footer shows the shortcuts hint (default mode) or the permission mode, e.g.
  // "⏵⏵ accept edits on (shift+tab to cycle)"; "esc to interrupt" joins it while busy.
  ready: /\? for shortcuts|\(shift\+tab to cycle\)/,
  busy: /esc to interrupt/i,
  // 2.1.331 asks "Is this a project you created or one you trust?"; older ones the first.
  trust: /Is this a project you created or one you trust\?|Do you trust the files in this folder\?/,
  permission: /Do you want to proceed\?/,
  usage: /Session usage|Current session/i,
};

export const claudeBackend: AgentBackend = {
  name: 'claude',
  programName: 'claude',
  installHint: 'npm install -g @anthropic-ai/claude-code',
  launch: (req) => claudeLaunch(req, 'claude'),
  versionArgs: ['--version'],
  relaysHooks: true,
  clearCommand: '/clear',
  usageCommand: '/usage',
  screen: claudeScreen,
};
