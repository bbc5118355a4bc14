import { describe, expect, it } from 'vitest';
import { CATALOGUE, helpLine, titleIn, viewForKey, viewsOf } from '../../src/view/catalogue.js';
import { KEYMAP } from '../../src/tui/keymap.js';
import { PANELS, PANEL_TITLES } from '../../src/tui/view/state.js';
import { tabs } from '../../src/tui/components/tabs.js';

/** One catalogue of views: the TUI's panels, keys, help and tabs, and the page's nav, from it. */
describe('the view catalogue', () => {
  it('gives every view a distinct id and number key, the same in both faces', () => {
    const ids = CATALOGUE.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = CATALOGUE.flatMap((v) => (v.key ? [v.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    for (const v of viewsOf('tui')) expect(viewForKey('web', v.key ?? '')?.id, v.id).toBe(v.id);
  });

  it('has Notifications, Pipeline and Split in both faces, History in the page only', () => {
    const web = viewsOf('web').map((v) => v.id);
    const tui = viewsOf('tui').map((v) => v.id);
    for (const id of ['notifications', 'pipeline', 'split']) {
      expect(web).toContain(id);
      expect(tui).toContain(id);
    }
    expect(web).toContain('history');
    expect(tui).not.toContain('history');
  });

  it("is the TUI's panel list, tab titles and number keys", () => {
    expect(PANELS).toEqual(viewsOf('tui').map((v) => v.id));
    expect(PANEL_TITLES.pipeline).toBe('Pipeline');
    for (const v of viewsOf('tui')) {
      const b = KEYMAP.find((k) => k.command === `panel-${v.id}`);
      expect(b?.keys, v.id).toEqual([v.key]);
      expect(b?.description).toBe(helpLine(v));
    }
  });

  it("words the page's job list its own way", () => {
    const jobs = CATALOGUE.find((v) => v.id === 'jobs');
    expect(jobs && titleIn('web', jobs)).toBe('Dashboard');
    expect(jobs && titleIn('tui', jobs)).toBe('Jobs');
  });

  it('fits the tabs to the width: whole titles when they fit, short words when not', () => {
    const none = (): string => '';
    const wide = tabs('jobs', 150, none)
      .map((t) => t.text)
      .join('');
    expect(wide).toContain(' 9 Pipeline  0 Split  8 Notifications ');
    const narrow = tabs('jobs', 100, none)
      .map((t) => t.text)
      .join('');
    expect(narrow.length).toBeLessThanOrEqual(100);
    expect(narrow).toContain('2 Time 3 Queue');
    expect(narrow).toContain('8 Notifications');
    // The panel shown keeps its whole title.
    expect(
      tabs('timeline', 100, none)
        .map((t) => t.text)
        .join(''),
    ).toContain('2 Timeline');
  });
});
