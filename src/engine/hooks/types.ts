/** What `setup-hooks` and `remove-hooks` are asked to do. */
export interface HooksOptions {
  /** The Claude Code settings file (see claudeSettingsPath). */
  settings: string;
  /** For CC_AGENT_HOME, where the install record and the original bytes are kept. */
  env?: NodeJS.ProcessEnv;
  /** The relay script our hooks run (default: the one shipped with this install). */
  relay?: string;
  /** Work out the change and report it; write nothing anywhere. */
  dryRun?: boolean;
}

/**
 * How remove-hooks undid the install: the original put back byte for byte, the file deleted
 * (setup-hooks had created it), or our groups cut out of a file edited since.
 */
export type RemoveHow = 'restored' | 'deleted' | 'edited';

/** What installHooks / removeHooks did (or, with dryRun, would do) to one settings file. */
export interface HooksChange {
  path: string;
  /** The file changed (or would, with dryRun). */
  changed: boolean;
  dryRun: boolean;
  /** Install: the file did not exist and was (or would be) created. */
  created: boolean;
  /**
   * Install: events our group was added to, events where it replaced a group running an older
   * relay we had recorded writing (the install moved), and events that already had it.
   */
  added: string[];
  replaced: string[];
  present: string[];
  /** Remove: events our group was removed from. */
  removed: string[];
  /** Events that changed: `added`, `replaced` or `removed`. */
  events: string[];
  how: RemoveHow | null;
  /** Install: where the original bytes are kept for remove-hooks; null if none were needed. */
  backup: string | null;
}
