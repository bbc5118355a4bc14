import { HOOK_EVENTS } from '../agents/claude-flags.js';
import type { InstallRecord } from './install-record.js';
import { appendEntry, removeEntry } from './json-splice.js';
import { isOurGroup, relayGroup } from './relay-mark.js';
import {
  effectiveEvent,
  effectiveHooks,
  emptiedEvent,
  emptiedHooks,
  findOurGroup,
  rootOf,
} from './settings-doc.js';

/** The two edits setup-hooks and remove-hooks make to a settings file's text, as splices. */

export type AddOutcome = 'added' | 'replaced' | 'present';

export interface Added {
  text: string;
  outcome: AddOutcome;
  /** Keys this step created: "hooks" and/or the event. */
  created: string[];
}

/**
 * Our group appended to `event` (the key created if absent), unless it is there already. A
 * group running an older relay we recorded writing (`older`: the install moved) is ours and
 * is swapped for the new one; no other group is touched.
 */
export function addOurGroup(
  text: string,
  relay: string,
  event: string,
  mine: ReadonlySet<string>,
  older: ReadonlySet<string>,
): Added {
  const hooks = effectiveHooks(rootOf(text));
  if (!hooks) {
    const r = addOurGroup(appendEntry(text, rootOf(text), {}, 'hooks'), relay, event, mine, older);
    return { ...r, created: ['hooks', ...r.created] };
  }
  const group = relayGroup(relay, event);
  let groups = effectiveEvent(hooks, event);
  if (!groups) {
    return { text: appendEntry(text, hooks, [group], event), outcome: 'added', created: [event] };
  }
  if (groups.items.some((g) => isOurGroup(text, g, mine))) {
    return { text, outcome: 'present', created: [] };
  }
  let outcome: AddOutcome = 'added';
  for (let i = groups.items.findIndex((g) => isOurGroup(text, g, older)); i !== -1;) {
    text = removeEntry(text, groups, i);
    outcome = 'replaced';
    groups = effectiveEvent(effectiveHooks(rootOf(text)), event);
    if (!groups) throw new Error(`settings: lost ${event}`);
    const at = text;
    i = groups.items.findIndex((g) => isOurGroup(at, g, older));
  }
  return { text: appendEntry(text, groups, group), outcome, created: [] };
}

/**
 * Our groups cut out of `text`, one at a time: this install's command and any an earlier
 * setup recorded, on the events we listen to or recorded adding to. A key left empty goes
 * only if we created it (or, with no record, if we emptied it: nothing else can know).
 */
export function cutOurGroups(
  text: string,
  command: string,
  prev: InstallRecord | null,
): { text: string; removed: string[] } {
  const commands = new Set([command, ...(prev?.commands ?? [])]);
  const events = new Set<string>([...HOOK_EVENTS, ...(prev?.addedEvents ?? [])]);
  const removed = new Set<string>();
  for (let at = findOurGroup(text, events, commands); at;) {
    text = removeEntry(text, at.groups, at.index);
    removed.add(at.event);
    at = findOurGroup(text, events, commands);
  }
  const mayDrop = (key: string): boolean => !prev || prev.createdKeys.includes(key);
  for (const event of removed) {
    if (!mayDrop(event)) continue;
    for (let e = emptiedEvent(text, event); e; e = emptiedEvent(text, event)) {
      text = removeEntry(text, e.hooks, e.index);
    }
  }
  if (removed.size > 0 && mayDrop('hooks')) {
    const h = emptiedHooks(text);
    if (h) text = removeEntry(text, h.root, h.index);
  }
  return { text, removed: [...removed] };
}
