import { resolve } from 'node:path';
import {
  CcAgentError,
  claudeSettingsPath,
  installHooks,
  removeHooks as removeRelayHooks,
  type HooksChange,
} from '../engine/index.js';
import { json } from '../view/format.js';
import * as c from './contracts/hooks.js';
import { defineCommand, type IoOf } from './types.js';

/** setup-hooks and remove-hooks take the same flags. */
type HooksIo = IoOf<typeof c.setupHooks>;

function settingsFile(io: HooksIo): string {
  if (io.input.length > 0) {
    throw new CcAgentError('bad_input', `unexpected argument '${io.input[0]}' (see --help)`);
  }
  const given = io.flags.settings;
  if (given === undefined) return claudeSettingsPath(io.env);
  if (given === '') throw new CcAgentError('bad_input', '--settings needs a path');
  return resolve(io.cwd, given);
}

const pad = (label: string): string => `  ${label.padEnd(15)}  `;

/** The summary line, then one line per event saying what happened to it. */
function reportInstall(io: HooksIo, r: HooksChange): void {
  if (io.flags.json) return io.out(json(r));
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

function reportRemove(io: HooksIo, r: HooksChange): void {
  if (io.flags.json) return io.out(json(r));
  if (!r.how) return io.out(`nothing to remove: no cc-agent hooks in ${r.path}`);
  const verb = r.dryRun ? 'would remove' : 'removed';
  if (r.how !== 'edited') {
    return io.out(`${verb} cc-agent hooks from ${r.path}: ${HOW[r.how][r.dryRun ? 1 : 0]}`);
  }
  io.out(`${verb} cc-agent hooks from ${r.path}`);
  for (const e of r.removed) io.out(`${pad(r.dryRun ? 'would remove' : 'removed')}${e}`);
}

export const setupHooks = defineCommand(c.setupHooks, async (io) => {
  const settings = settingsFile(io);
  const dryRun = io.flags.dryRun;
  reportInstall(io, installHooks({ settings, env: io.env, dryRun }));
  return 0;
});

export const removeHooks = defineCommand(c.removeHooks, async (io) => {
  const settings = settingsFile(io);
  const dryRun = io.flags.dryRun;
  reportRemove(io, removeRelayHooks({ settings, env: io.env, dryRun }));
  return 0;
});
