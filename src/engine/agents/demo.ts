import { demoAgentMain } from '../context.js';
import { pathsFor } from '../paths.js';
import { claudeScreen } from './claude.js';
import { claudeLaunch } from './claude-flags.js';
import type { AgentBackend } from './types.js';

export { demoAgentMain };

/**
 * The simulated agent takes Claude Code's own flags, so launching it exercises exactly the
 * production argv path; only the program differs. Its "config dir" lives under cc-agent's
 * home so it never touches the user's ~/.claude.
 */
export const demoBackend: AgentBackend = {
  name: 'demo',
  // It runs on this very Node (launch below), whatever PATH holds: health checks that one.
  programName: process.execPath,
  installHint: 'the simulated agent ships with cc-agent; run `npm run build`',
  launch(req) {
    const spec = claudeLaunch(req, process.execPath, [demoAgentMain]);
    spec.env['CLAUDE_CONFIG_DIR'] = pathsFor(req.home).demoClaude;
    delete spec.env['IS_SANDBOX'];
    return spec;
  },
  versionArgs: [demoAgentMain, '--version'],
  relaysHooks: true,
  clearCommand: '/clear',
  usageCommand: '/usage',
  screen: claudeScreen,
};
