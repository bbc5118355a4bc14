import { defineContract } from '../contract.js';

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

export const setupHooks = defineContract({
  name: 'setup-hooks',
  group: 'Setup',
  usage: 'setup-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Install cc-agent's hook relay in Claude Code's user settings",
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
});

export const removeHooks = defineContract({
  name: 'remove-hooks',
  group: 'Setup',
  usage: 'remove-hooks [--settings <path>] [--dry-run] [--json]',
  summary: "Remove cc-agent's hook relay from Claude Code's user settings",
  help: `Undoes setup-hooks. If the file is exactly as setup-hooks left it, the original is put back
byte for byte (or the file deleted, if setup-hooks created it). If you have edited it since,
only the hook groups setup-hooks added are cut out; your edits and every other byte stay.

${OPTIONS}`,
  flags,
});
