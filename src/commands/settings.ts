import { CcAgentError } from '../engine/index.js';
import { json } from '../view/format.js';
import * as c from './contracts/setup.js';
import { defineCommand } from './types.js';

export const settings = defineCommand(c.settings, async (io) => {
  const [key, value] = io.input;
  if (key !== undefined && value === undefined) {
    throw new CcAgentError(
      'bad_input',
      `missing value for ${key} (usage: cc-agent ${c.settings.usage})`,
    );
  }
  const all = io
    .engine()
    .settings(key !== undefined && value !== undefined ? { key, value } : undefined);
  if (io.flags.json) io.out(json(all));
  else for (const [k, v] of Object.entries(all)) io.out(`${k.padEnd(30)} ${v ?? '-'}`);
  return 0;
});
