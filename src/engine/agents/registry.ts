import { fieldError } from '../errors.js';
import { BACKENDS, type BackendName } from '../store/job-types.js';
import { claudeBackend } from './claude.js';
import { codexBackend } from './codex.js';
import { demoBackend } from './demo.js';
import { geminiBackend } from './gemini.js';
import type { AgentBackend } from './types.js';

const backends: Record<BackendName, AgentBackend> = {
  claude: claudeBackend,
  codex: codexBackend,
  gemini: geminiBackend,
  demo: demoBackend,
};

export function backendFor(name: string): AgentBackend {
  if (!(BACKENDS as readonly string[]).includes(name)) {
    const list = BACKENDS.join(', ');
    throw fieldError('agent', (n) => `unknown ${n} '${name}' (expected one of: ${list})`, 'agent');
  }
  return backends[name as BackendName];
}

export const allBackends = (): AgentBackend[] => BACKENDS.map((b) => backends[b]);
