import { resolve } from 'node:path';
import {
  CcAgentError,
  claudeSettingsPath,
  installHooks,
  removeHooks as removeRelayHooks,
  type HooksChange,
} from '../engine/index.js';
import { json } from '../view/format.js';
import type { Command, Io } from './types.js';

const OPTIONS = `Options:
      --settings <path>   the settings file to edit (default: $CLAUDE_CONFIG_DIR/settings.json,
                          else ~/.claude/settings.json)
      --dry-run           print what would change; write nothing
      --json              print the result as JSON (path, changed, added, present, removed, ...)`;

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

const pad = (label: string): string => `  ${label.padEnd(15)}  `;

/** The summary line, then one line per event saying what happened to it. */
function reportInstall(io: Io, r: HooksChange): void {
  if ((io.flags as Flags).json) return io.out(json(r));
  const verb = r.dryRun ? 'would install' : 'installed';
  io.out(
    r.changed
      ? `${verb} cc-agent hooks in ${r.path}${r.created ? ' (created the file)' : ''}`
      : `cc-agent hooks already installed in ${r.path}`,
  );
  for (const e of r.added) io.out(`${pad(r.dryRun ? 'would add' : 'added')}${e}`);
  for (const e of r.replaced) io.out(`${pad(r.dryRun ? 'would replace' : 'replaced')}${e}`);
  for (const e of r.present) io.out(`${pad('already present')}${e}`);
  if (r.backup) io.out(`original kept in ${r.backup} (remove-hooks puts it back)`);
}

const HOW = {
  restored: ['restored the original byte for byte', 'would restore the original byte for byte'],
  deleted: [
    'deleted it (setup-hooks had created it)',
    'would delete it (setup-hooks had created it)',
  ],
} as const;

function reportRemove(io: Io, r: HooksChange): void {
  if ((io.flags as Flags).json) return io.out(json(r));
  if (!r.how) return io.out(`nothing to remove: no cc-agent hooks in ${r.path}`);
  const verb = r.dryRun ? 'would remove' : 'removed';
  if (r.how !== 'edited') {
    return io.out(`${verb} cc-agent hooks from ${r.path}: ${HOW[r.how][r.dryRun ? 1 : 0]}`);
  }
  io.out(`${verb} cc-agent hooks from ${r.path}`);
  for (const e of r.removed) io.out(`${pad(r.dryRun ? 'would remove' : 'removed')}${e}`);
}

export const setupHooks: Command = {
  usage: 'setup-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Install cc-agent's hook relay in Claude Code's user settings (every session).",
  help: `Adds cc-agent's own hook group (no matcher, one hook running the relay shipped with this
install) to each event cc-agent listens to, in the "hooks" of Claude Code's user settings, and
prints per event whether it was added or already present. The file is edited in place: every
byte that is not ours stays as it was, and no hook of your own is ever changed or removed, even
one whose command looks like ours. Running it again changes nothing. Sessions not started by
cc-agent run the relay too; it does nothing without CC_AGENT_JOB_ID. The original file is kept
(0600) in $CC_AGENT_HOME/hook-installs for remove-hooks. A file that is not strict JSON
(comments, trailing commas) is refused and left as it is; a symlinked file is written through.

${OPTIONS}`,
  flags,
  async run(io) {
    const settings = settingsFile(io);
    const dryRun = Boolean((io.flags as Flags).dryRun);
    reportInstall(io, installHooks({ settings, env: io.env, dryRun }));
    return 0;
  },
};

export const removeHooks: Command = {
  usage: 'remove-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Remove cc-agent's hook relay from Claude Code's user settings.",
  help: `Undoes setup-hooks. If the file is exactly as setup-hooks left it, the original is put back
byte for byte (or the file deleted, if setup-hooks created it). If you have edited it since,
only the hook groups setup-hooks added are cut out; your edits and every other byte stay.

${OPTIONS}`,
  flags,
  async run(io) {
    const settings = settingsFile(io);
    const dryRun = Boolean((io.flags as Flags).dryRun);
    reportRemove(io, removeRelayHooks({ settings, env: io.env, dryRun }));
    return 0;
  },
};
