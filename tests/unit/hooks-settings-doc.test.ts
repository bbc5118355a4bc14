import { describe, expect, it } from 'vitest';
import { relayCommand, relayGroup } from '../../src/engine/hooks/relay-mark.js';
import {
  effectiveEvent,
  effectiveHooks,
  emptiedEvent,
  emptiedHooks,
  findOurGroup,
  rootOf,
} from '../../src/engine/hooks/settings-doc.js';

const RELAY = '/opt/cc-agent/hooks/relay-event.sh';
const OURS = JSON.stringify(relayGroup(RELAY, 'Stop'));
const mine = new Set([relayCommand(RELAY)]);
const USER = '{"matcher":"Bash","hooks":[{"type":"command","command":"echo user"}]}';
/** The text a node spans. */
const at = (text: string, n: { start: number; end: number } | undefined): string | undefined =>
  n && text.slice(n.start, n.end);

describe('rootOf', () => {
  it('is the top object; anything else is refused', () => {
    expect(rootOf('{"a":1}').members.map((m) => m.key)).toEqual(['a']);
    expect(() => rootOf('[]')).toThrow('settings: not an object');
    expect(() => rootOf('"hooks"')).toThrow('settings: not an object');
  });
});

describe('effectiveHooks / effectiveEvent (what JSON.parse would keep: the last copy)', () => {
  it('a duplicated "hooks" key: the last one counts', () => {
    const text = '{"hooks":{"Stop":[1]},"model":"x","hooks":{"Stop":[2]}}';
    const hooks = effectiveHooks(rootOf(text));
    expect(at(text, hooks)).toBe('{"Stop":[2]}');
    expect(at(text, effectiveEvent(hooks, 'Stop'))).toBe('[2]');
  });

  it('the last "hooks" being no object means there are none, even if an earlier one was', () => {
    expect(effectiveHooks(rootOf('{"hooks":{"Stop":[]},"hooks":null}'))).toBeUndefined();
    expect(effectiveHooks(rootOf('{}'))).toBeUndefined();
  });

  it('an event that is not an array, or missing, gives no groups', () => {
    const hooks = effectiveHooks(rootOf('{"hooks":{"Stop":{},"Notification":[]}}'));
    expect(effectiveEvent(hooks, 'Stop')).toBeUndefined();
    expect(effectiveEvent(hooks, 'SessionStart')).toBeUndefined();
    expect(effectiveEvent(hooks, 'Notification')?.items).toEqual([]);
    expect(effectiveEvent(undefined, 'Stop')).toBeUndefined();
  });

  it('decodes escaped keys as JSON.parse does', () => {
    const text = '{"hoo\\u006bs":{"St\\u006fp":[7]}}';
    expect(at(text, effectiveEvent(effectiveHooks(rootOf(text)), 'Stop'))).toBe('[7]');
  });
});

describe('findOurGroup', () => {
  it('finds our group past the user’s, with its event and index', () => {
    const text = `{"hooks":{"PreToolUse":[${USER}],"Stop":[${USER},${OURS}]}}`;
    const found = findOurGroup(text, null, mine);
    expect(found?.event).toBe('Stop');
    expect(found?.index).toBe(1);
    expect(at(text, found?.groups.items[1])).toBe(OURS);
  });

  it('looks in every copy of a duplicated key, not only the effective one', () => {
    const text = `{"hooks":{"Stop":[${OURS}]},"hooks":{"Stop":[${USER}]}}`;
    const found = findOurGroup(text, new Set(['Stop']), mine);
    expect(found?.index).toBe(0);
    expect(found?.groups.start).toBe(text.indexOf('['));
  });

  it('only under the events asked about, and only for the commands given', () => {
    const text = `{"hooks":{"Custom":[${OURS}]}}`;
    expect(findOurGroup(text, new Set(['Stop']), mine)).toBeUndefined();
    expect(findOurGroup(text, new Set(['Custom']), mine)?.event).toBe('Custom');
    expect(findOurGroup(text, null, new Set(['other']))).toBeUndefined();
  });

  it('nothing in a file without hooks, or with only the user’s', () => {
    expect(findOurGroup('{}', null, mine)).toBeUndefined();
    expect(findOurGroup(`{"hooks":{"Stop":[${USER}]}}`, null, mine)).toBeUndefined();
  });
});

describe('emptiedEvent / emptiedHooks', () => {
  it('finds the last empty copy of an event, in the last hooks object first', () => {
    const text = '{"hooks":{"Stop":[],"Stop":[1]},"hooks":{"Stop":[],"Notification":[]}}';
    const e = emptiedEvent(text, 'Stop');
    expect(e?.index).toBe(0);
    expect(e?.hooks.start).toBe(text.lastIndexOf('{"Stop"'));
    expect(emptiedEvent('{"hooks":{"Stop":[1]}}', 'Stop')).toBeUndefined();
  });

  it('falls back to an earlier hooks object', () => {
    const text = '{"hooks":{"Stop":[]},"hooks":{"Stop":[1]}}';
    expect(emptiedEvent(text, 'Stop')?.hooks.start).toBe(text.indexOf('{"Stop"'));
  });

  it('an empty hooks object is found; a non-empty or absent one is not', () => {
    expect(emptiedHooks('{"model":"x","hooks":{}}')?.index).toBe(1);
    expect(emptiedHooks('{"hooks":{"Stop":[]}}')).toBeUndefined();
    expect(emptiedHooks('{}')).toBeUndefined();
  });
});
