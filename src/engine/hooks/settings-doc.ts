import type { JsonArray, JsonMember, JsonObject } from './json-text.js';
import { lastMember, scanJson } from './json-text.js';
import { isOurGroup } from './relay-mark.js';

/**
 * Finding things in a settings file's text. Claude Code reads it with JSON.parse, so where a
 * key appears twice the last one counts: setup-hooks reads and adds there. remove-hooks looks
 * in every copy, since it only ever cuts our exact groups.
 */

export function rootOf(text: string): JsonObject {
  const root = scanJson(text);
  if (root.kind !== 'object') throw new Error('settings: not an object');
  return root;
}

/** The `hooks` object Claude Code would use, if any. */
export function effectiveHooks(root: JsonObject): JsonObject | undefined {
  const m = lastMember(root, 'hooks');
  return m?.value.kind === 'object' ? m.value : undefined;
}

/** The groups array Claude Code would use for `event`, if any. */
export function effectiveEvent(
  hooks: JsonObject | undefined,
  event: string,
): JsonArray | undefined {
  const m = hooks ? lastMember(hooks, event) : undefined;
  return m?.value.kind === 'array' ? m.value : undefined;
}

/** Every `hooks` object member, duplicates included. */
const hooksMembers = (root: JsonObject): JsonMember[] =>
  root.members.filter((m) => m.key === 'hooks' && m.value.kind === 'object');

export interface GroupAt {
  event: string;
  groups: JsonArray;
  index: number;
}

/** The first of our groups (for `commands`) under any of `events`, in any copy of a key. */
export function findOurGroup(
  text: string,
  events: ReadonlySet<string> | null,
  commands: ReadonlySet<string>,
): GroupAt | undefined {
  for (const hm of hooksMembers(rootOf(text))) {
    for (const em of (hm.value as JsonObject).members) {
      if ((events && !events.has(em.key)) || em.value.kind !== 'array') continue;
      const index = em.value.items.findIndex((g) => isOurGroup(text, g, commands));
      if (index !== -1) return { event: em.key, groups: em.value, index };
    }
  }
  return undefined;
}

/** An event member (any copy) whose groups array is now empty, and the object holding it. */
export function emptiedEvent(
  text: string,
  event: string,
): { hooks: JsonObject; index: number } | undefined {
  // From the end: a key we created was appended last, after any copy of the user's.
  for (const hm of hooksMembers(rootOf(text)).reverse()) {
    const hooks = hm.value as JsonObject;
    const index = hooks.members.findLastIndex(
      (m) => m.key === event && m.value.kind === 'array' && m.value.items.length === 0,
    );
    if (index !== -1) return { hooks, index };
  }
  return undefined;
}

/** Index in the root of a `hooks` member holding an empty object. */
export function emptiedHooks(text: string): { root: JsonObject; index: number } | undefined {
  const root = rootOf(text);
  const index = root.members.findLastIndex(
    (m) => m.key === 'hooks' && m.value.kind === 'object' && m.value.members.length === 0,
  );
  return index === -1 ? undefined : { root, index };
}
