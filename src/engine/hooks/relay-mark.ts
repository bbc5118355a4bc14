import { relayHooks } from '../agents/claude-flags.js';
import type { JsonNode } from './json-text.js';
import { valueOf } from './json-text.js';

/**
 * How cc-agent knows its own hooks in a user's settings. A group is ours only when it is
 * exactly the shape we write: an object with one key, `hooks`, holding one hook of type
 * `command` whose command is, character for character, a relay invocation we wrote (this
 * install's, or one an earlier setup recorded). A matcher, a second hook, a different path or
 * argument: the user's, and never touched. Merely containing "relay-event.sh" means nothing.
 */

/** Our group for `event`, exactly as setup-hooks writes it. */
export function relayGroup(relay: string, event: string): Record<string, unknown> {
  const all = relayHooks(relay, 'global') as Record<string, Record<string, unknown>[]>;
  const group = all[event]?.[0];
  if (!group) throw new Error(`no relay hook for ${event}`);
  return group;
}

/** The command line our groups run: `'<abs path>/hooks/relay-event.sh' --global`. */
export function relayCommand(relay: string): string {
  const group = relayGroup(relay, 'Stop') as { hooks: { command: string }[] };
  return (group.hooks[0] as { command: string }).command;
}

const uniqueKeys = (node: JsonNode): boolean =>
  node.kind === 'object' && new Set(node.members.map((m) => m.key)).size === node.members.length;

/** True when `group` (a node of `text`) is one of our groups for any of `commands`. */
export function isOurGroup(text: string, group: JsonNode, commands: ReadonlySet<string>): boolean {
  if (group.kind !== 'object' || group.members.length !== 1) return false;
  const only = group.members[0];
  if (only?.key !== 'hooks' || only.value.kind !== 'array' || only.value.items.length !== 1) {
    return false;
  }
  const hook = only.value.items[0] as JsonNode;
  if (!uniqueKeys(hook)) return false;
  const v = valueOf(text, hook) as Record<string, unknown>;
  return v['type'] === 'command' && typeof v['command'] === 'string' && commands.has(v['command']);
}
