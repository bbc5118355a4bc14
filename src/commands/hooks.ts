import { resolve } from 'node:path';
import {
  CcAgentError,
  claudeSettingsPath,
  installHooks,
  RELAY_EVENTS,
  removeHooks as removeRelayHooks,
  type HooksChange,
} from '../engine/index.js';
import { json } from './format.js';
import type { Command, Io } from './types.js';

const OPTIONS = `Options:
      --settings <path>   the settings file to edit (default: $CLAUDE_CONFIG_DIR/settings.json,
                          else ~/.claude/settings.json)
      --dry-run           print what would change; write nothing
      --json              print the result as JSON (path, changed, backup, events, ...)`;

const flags = {
  settings: { type: 'string' },
  dryRun: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

interface Flags {
  settings?: string;
  dryRun?: boolean;
  json?: boolean;
}

function settingsFile(io: Io): string {
  if (io.input.length > 0) {
    throw new CcAgentError('bad_input', `unexpected argument '${io.input[0]}' (see --help)`);
  }
  const given = (io.flags as Flags).settings;
  if (given === undefined) return claudeSettingsPath(io.env);
  if (given === '') throw new CcAgentError('bad_input', '--settings needs a path');
  return resolve(io.cwd, given);
}

/** One summary line; with --dry-run, one more line per event that would change. */
function report(io: Io, r: HooksChange, changed: string, unchanged: string): void {
  if ((io.flags as Flags).json) {
    io.out(json(r));
    return;
  }
  io.out(r.changed ? `${changed}${r.backup ? ` (backup: ${r.backup})` : ''}` : unchanged);
  if (r.dryRun) {
    for (const e of r.added) io.out(`  add      ${e}`);
    for (const e of r.replaced) io.out(`  replace  ${e}`);
    for (const e of r.removed) io.out(`  remove   ${e}`);
  }
}

export const setupHooks: Command = {
  usage: 'setup-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Install cc-agent's hook relay in Claude Code's user settings (every session).",
  help: `Adds one hook per event cc-agent listens to, each running the relay shipped with this
install, to the "hooks" of Claude Code's user settings. Every other setting and every hook of
your own stays as it is. Sessions not started by cc-agent run the relay too; it does nothing
without CC_AGENT_JOB_ID. Running it again changes nothing (an older install's relay is
replaced). The original file is copied to <file>.cc-agent-backup-<time> before it is changed.
A file that is not strict JSON (comments, trailing commas) is refused and left as it is.

${OPTIONS}`,
  flags,
  async run(io) {
    const file = settingsFile(io);
    const dryRun = Boolean((io.flags as Flags).dryRun);
    const r = installHooks(file, undefined, { dryRun });
    const verb = dryRun ? 'would install' : 'installed';
    report(
      io,
      r,
      `${verb} cc-agent hooks for ${RELAY_EVENTS.length} events in ${r.path}`,
      `cc-agent hooks already installed in ${r.path}`,
    );
    return 0;
  },
};

export const removeHooks: Command = {
  usage: 'remove-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Remove cc-agent's hook relay from Claude Code's user settings.",
  help: `Removes every hook that runs cc-agent's relay (relay-event.sh, from any install), and the
groups and events that held only those. Everything else stays as it is. The original file is
copied to <file>.cc-agent-backup-<time> before it is changed.

${OPTIONS}`,
  flags,
  async run(io) {
    const file = settingsFile(io);
    const dryRun = Boolean((io.flags as Flags).dryRun);
    const r = removeRelayHooks(file, { dryRun });
    const verb = dryRun ? 'would remove' : 'removed';
    report(
      io,
      r,
      `${verb} cc-agent hooks for ${r.removed.length} events from ${r.path}`,
      `nothing to remove: no cc-agent hooks in ${r.path}`,
    );
    return 0;
  },
};
