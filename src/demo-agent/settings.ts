import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgError } from './args.js';

export interface HookCommand {
  type: string;
  command: string;
  timeout?: number;
  async?: boolean;
}
export interface HookGroup {
  matcher?: string;
  hooks: HookCommand[];
}
export type HookTable = Record<string, HookGroup[]>;

export interface Settings {
  hooks: HookTable;
  skipDangerousModePermissionPrompt: boolean;
}

/**
 * The user's own settings ($CLAUDE_CONFIG_DIR/settings.json) plus every --settings value. As in
 * Claude Code, hooks from all sources are ADDED together: both the user's and the launch's fire.
 */
export function loadSettings(configDir: string, extra: readonly string[]): Settings {
  const sources: unknown[] = [];
  const userFile = join(configDir, 'settings.json');
  if (existsSync(userFile)) sources.push(parse(readFileSync(userFile, 'utf8'), userFile));
  for (const value of extra) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) sources.push(parse(trimmed, '--settings'));
    else if (!existsSync(value)) throw new ArgError(`settings file not found: ${value}`);
    else sources.push(parse(readFileSync(value, 'utf8'), value));
  }
  const settings: Settings = { hooks: {}, skipDangerousModePermissionPrompt: false };
  for (const s of sources) {
    if (!s || typeof s !== 'object') continue;
    const o = s as { hooks?: unknown; skipDangerousModePermissionPrompt?: unknown };
    if (o.skipDangerousModePermissionPrompt === true) {
      settings.skipDangerousModePermissionPrompt = true;
    }
    if (!o.hooks || typeof o.hooks !== 'object') continue;
    for (const [event, groups] of Object.entries(o.hooks as Record<string, unknown>)) {
      if (!Array.isArray(groups)) continue;
      const list = (settings.hooks[event] ??= []);
      for (const g of groups as HookGroup[]) {
        if (g && Array.isArray(g.hooks)) list.push(g);
      }
    }
  }
  return settings;
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ArgError(`invalid settings in ${where}: ${(e as Error).message}`);
  }
}
