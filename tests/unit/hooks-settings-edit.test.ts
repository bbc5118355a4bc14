import { describe, expect, it } from 'vitest';
import { HOOK_EVENTS } from '../../src/engine/agents/claude-flags.js';
import type { InstallRecord } from '../../src/engine/hooks/install-record.js';
import { relayCommand, relayGroup } from '../../src/engine/hooks/relay-mark.js';
import { addOurGroup, cutOurGroups } from '../../src/engine/hooks/settings-edit.js';

const RELAY = '/opt/cc agent/hooks/relay-event.sh';
const OLD_RELAY = '/usr/lib/cc-agent/hooks/relay-event.sh';
const CMD = relayCommand(RELAY);
const OLD_CMD = relayCommand(OLD_RELAY);
const mine = new Set([CMD]);
const older = new Set([OLD_CMD]);
const userGroup = { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "user ✓"' }] };

const add = (text: string, event: string) => addOurGroup(text, RELAY, event, mine, older);
/** Add our group for every event cc-agent listens to. */
const addAll = (text: string): { text: string; created: string[] } => {
  const created: string[] = [];
  for (const e of HOOK_EVENTS) {
    const r = add(text, e);
    text = r.text;
    created.push(...r.created);
  }
  return { text, created };
};
const recordOf = (created: string[], commands = [CMD]): InstallRecord => ({
  version: 1,
  settings: '/s.json',
  commands,
  addedEvents: [...HOOK_EVENTS],
  createdKeys: created,
  createdDirs: [],
  original: null,
  written: '',
});

describe('addOurGroup', () => {
  it('creates "hooks" and the event in an empty object', () => {
    const r = add('{}', 'Stop');
    expect(r.outcome).toBe('added');
    expect(r.created).toEqual(['hooks', 'Stop']);
    expect(JSON.parse(r.text)).toEqual({ hooks: { Stop: [relayGroup(RELAY, 'Stop')] } });
  });

  it('appends after the user’s groups and keeps every other byte as it was', () => {
    const text = `{\n\t"cleanupPeriodDays": 12345678901234567890,\n\t"hooks": {\n\t\t"Stop": [\n\t\t\t${JSON.stringify(userGroup)}\n\t\t]\n\t}\n}\n`;
    const r = add(text, 'Stop');
    expect(r).toMatchObject({ outcome: 'added', created: [] });
    // The big integer is never parsed and re-printed.
    expect(r.text).toContain('12345678901234567890');
    expect(
      r.text.startsWith(
        text.slice(0, text.indexOf(JSON.stringify(userGroup)) + JSON.stringify(userGroup).length),
      ),
    ).toBe(true);
    const parsed = JSON.parse(r.text) as { hooks: { Stop: unknown[] } };
    expect(parsed.hooks.Stop).toEqual([userGroup, relayGroup(RELAY, 'Stop')]);
  });

  it('is idempotent: a second add changes nothing', () => {
    const once = add('{"hooks":{}}', 'Notification');
    const twice = add(once.text, 'Notification');
    expect(twice).toEqual({ text: once.text, outcome: 'present', created: [] });
  });

  it('replaces groups of an older install (all copies) and leaves the user’s', () => {
    const oldGroup = relayGroup(OLD_RELAY, 'Stop');
    const text = JSON.stringify({ hooks: { Stop: [oldGroup, userGroup, oldGroup] } }, null, 2);
    const r = add(text, 'Stop');
    expect(r.outcome).toBe('replaced');
    expect((JSON.parse(r.text) as { hooks: { Stop: unknown[] } }).hooks.Stop).toEqual([
      userGroup,
      relayGroup(RELAY, 'Stop'),
    ]);
  });

  it('adds where JSON.parse looks: the last copy of a duplicated "hooks"', () => {
    const text = '{"hooks":{"Stop":[]},"hooks":{"Other":[]}}';
    const r = add(text, 'Stop');
    expect(r.created).toEqual(['Stop']);
    expect(r.text.startsWith('{"hooks":{"Stop":[]},')).toBe(true);
    expect((JSON.parse(r.text) as { hooks: Record<string, unknown> }).hooks['Stop']).toEqual([
      relayGroup(RELAY, 'Stop'),
    ]);
  });

  it('creates "hooks" when the last copy is not an object', () => {
    const r = add('{"hooks":null}', 'Stop');
    expect(r.created).toEqual(['hooks', 'Stop']);
    expect(JSON.parse(r.text)).toEqual({ hooks: { Stop: [relayGroup(RELAY, 'Stop')] } });
  });
});

describe('cutOurGroups', () => {
  it('undoes a full install into an empty object byte for byte', () => {
    const { text, created } = addAll('{}');
    const r = cutOurGroups(text, CMD, recordOf(created));
    expect(r.text).toBe('{}');
    expect(r.removed.sort()).toEqual([...HOOK_EVENTS].sort());
  });

  it('undoes an install into a user’s pretty-printed file, keeping the user’s hooks', () => {
    const original = `${JSON.stringify({ model: 'opus', hooks: { Stop: [userGroup] } }, null, 2)}\n`;
    const { text, created } = addAll(original);
    expect(created).not.toContain('hooks');
    expect(created).not.toContain('Stop');
    expect(cutOurGroups(text, CMD, recordOf(created)).text).toBe(original);
  });

  it('with no record, drops keys it emptied; with one, only keys the record says it created', () => {
    const text = JSON.stringify({ hooks: { Stop: [relayGroup(RELAY, 'Stop')] } });
    expect(cutOurGroups(text, CMD, null).text).toBe('{}');
    expect(cutOurGroups(text, CMD, recordOf([])).text).toBe('{"hooks":{"Stop":[]}}');
    expect(cutOurGroups(text, CMD, recordOf(['Stop'])).text).toBe('{"hooks":{}}');
  });

  it('also cuts groups of commands an earlier setup recorded', () => {
    const text = JSON.stringify({ hooks: { Stop: [relayGroup(OLD_RELAY, 'Stop'), userGroup] } });
    const r = cutOurGroups(text, CMD, recordOf([], [OLD_CMD]));
    expect(JSON.parse(r.text)).toEqual({ hooks: { Stop: [userGroup] } });
    expect(r.removed).toEqual(['Stop']);
    // Without the record the old command is not known to be ours.
    expect(cutOurGroups(text, CMD, null)).toEqual({ text, removed: [] });
  });

  it('touches nothing in a file without our groups', () => {
    const text = '{ "hooks": { } }';
    expect(cutOurGroups(text, CMD, null)).toEqual({ text, removed: [] });
  });
});
