import { describe, expect, it } from 'vitest';
import { isOurGroup, relayCommand, relayGroup } from '../../src/engine/hooks/relay-mark.js';
import { effectiveEvent, effectiveHooks, rootOf } from '../../src/engine/hooks/settings-doc.js';
import type { JsonNode } from '../../src/engine/hooks/json-text.js';

const RELAY = '/opt/cc agent/hooks/relay-event.sh';
const COMMAND = `'${RELAY}' --global`;
const mine = new Set([COMMAND]);

/** A settings text whose Stop event holds `groupJson`, and that group's node. */
function groupIn(groupJson: string): { text: string; node: JsonNode } {
  const text = `{"hooks": {"Stop": [${groupJson}]}}`;
  const node = effectiveEvent(effectiveHooks(rootOf(text)), 'Stop')?.items[0];
  if (!node) throw new Error('no group');
  return { text, node };
}
const ours = (groupJson: string, commands: ReadonlySet<string> = mine): boolean => {
  const { text, node } = groupIn(groupJson);
  return isOurGroup(text, node, commands);
};

describe('relayGroup and relayCommand', () => {
  it('the command quotes the relay path (spaces kept) and says --global', () => {
    expect(relayCommand(RELAY)).toBe(COMMAND);
  });

  it('a quote in the path is escaped the POSIX way', () => {
    expect(relayCommand("/home/o'neil/hooks/relay-event.sh")).toBe(
      `'/home/o'\\''neil/hooks/relay-event.sh' --global`,
    );
  });

  it('Stop is synchronous; PostToolUse runs in the background', () => {
    expect(relayGroup(RELAY, 'Stop')).toEqual({
      hooks: [{ type: 'command', command: COMMAND, timeout: 10 }],
    });
    expect(relayGroup(RELAY, 'PostToolUse')).toEqual({
      hooks: [{ type: 'command', command: COMMAND, timeout: 10, async: true }],
    });
  });

  it('throws for an event cc-agent does not listen to', () => {
    expect(() => relayGroup(RELAY, 'NoSuchEvent')).toThrow('no relay hook for NoSuchEvent');
  });
});

describe('isOurGroup', () => {
  it('recognises exactly the group setup-hooks writes, in any layout', () => {
    expect(ours(JSON.stringify(relayGroup(RELAY, 'Stop')))).toBe(true);
    expect(ours(JSON.stringify(relayGroup(RELAY, 'PostToolUse'), null, 4))).toBe(true);
    // Key order inside the hook and escapes in the command do not matter: its value does.
    const escaped = JSON.stringify(COMMAND).replace('/opt', '\\u002fopt');
    expect(ours(`{"hooks":[{"timeout":10,"command":${escaped},"type":"command"}]}`)).toBe(true);
  });

  it('recognises an older install’s command only when it is in the set given', () => {
    const old = relayGroup('/old place/hooks/relay-event.sh', 'Stop');
    expect(ours(JSON.stringify(old))).toBe(false);
    expect(
      ours(JSON.stringify(old), new Set([relayCommand('/old place/hooks/relay-event.sh')])),
    ).toBe(true);
  });

  it('leaves the user’s look-alikes alone', () => {
    const hook = { type: 'command', command: COMMAND, timeout: 10 };
    const lookAlikes = [
      { matcher: '*', hooks: [hook] },
      { hooks: [hook, { type: 'command', command: 'echo mine' }] },
      { hooks: [{ ...hook, command: `${COMMAND} --verbose` }] },
      { hooks: [{ ...hook, command: `'${RELAY}'` }] },
      { hooks: [{ ...hook, type: 'prompt' }] },
      { hooks: [] },
      { hooks: hook },
      { hook: [hook] },
    ];
    for (const g of lookAlikes) expect(ours(JSON.stringify(g)), JSON.stringify(g)).toBe(false);
    expect(ours('"a string"')).toBe(false);
    expect(ours('[1]')).toBe(false);
    expect(ours('null')).toBe(false);
  });

  it('a hook object with a duplicated key is not ours (JSON.parse would keep only the last)', () => {
    expect(
      ours(
        `{"hooks":[{"type":"command","command":"echo hi","command":${JSON.stringify(COMMAND)}}]}`,
      ),
    ).toBe(false);
  });

  it('a group with a duplicated "hooks" key is not ours', () => {
    const g = JSON.stringify(relayGroup(RELAY, 'Stop'));
    expect(ours(`{"hooks":[],${g.slice(1)}`)).toBe(false);
  });
});
