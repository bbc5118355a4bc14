import type { Sandbox } from '../store/job-types.js';
import type { AgentBackend } from './types.js';

function sandboxArgs(sandbox: Sandbox): string[] {
  // Codex has real OS sandboxes with the same three names; approvals surface as dialogs.
  if (sandbox === 'danger-full-access') return ['--dangerously-bypass-approvals-and-sandbox'];
  return ['-s', sandbox, '-a', 'on-request'];
}

export const codexBackend: AgentBackend = {
  name: 'codex',
  programName: 'codex',
  installHint: 'npm install -g @openai/codex',
  launch(req) {
    // Codex tops out at xhigh; 'max' means the most it has.
    const effort = req.effort === 'max' ? 'xhigh' : (req.effort ?? null);
    const args = [
      ...(req.model ? ['-m', req.model] : []),
      ...(effort ? ['-c', `model_reasoning_effort=${effort}`] : []),
      ...sandboxArgs(req.sandbox),
    ];
    if (req.resume) args.unshift('resume', req.sessionId);
    return {
      program: 'codex',
      args,
      env: {},
      settings: undefined,
      model: req.model ?? null,
      effort,
      // Codex picks its own session id; it is learned later from its hooks.
      sessionId: null,
    };
  },
  versionArgs: ['--version'],
  relaysHooks: false,
  clearCommand: '/new',
  usageCommand: '/status',
  screen: {
    ready: /\? for shortcuts|⏎ send/,
    busy: /esc to interrupt/i,
    trust: /Do you trust the files in this folder\?|allow Codex to work in this folder/i,
    permission:
      /Allow command\?|Would you like to run the following command\?|Do you want to proceed\?/i,
    usage: /Token usage|tokens used/i,
  },
};
