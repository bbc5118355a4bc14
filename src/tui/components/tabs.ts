import { titleIn, viewsOf } from '../../view/catalogue.js';
import type { PanelId } from '../view/state.js';

export interface Tab {
  id: PanelId;
  text: string;
}

/**
 * The tab line: ` 1 Jobs  2 Timeline …` when it fits; else one space apart with the short
 * words (the panel shown keeps its whole title), and whatever still does not fit is cut.
 */
export function tabs(current: PanelId, width: number, badge: (id: PanelId) => string): Tab[] {
  const views = viewsOf('tui');
  const full = views.map((v) => ({
    id: v.id as PanelId,
    text: ` ${v.key ?? ''} ${titleIn('tui', v)}${badge(v.id as PanelId)} `,
  }));
  if (full.reduce((n, t) => n + t.text.length, 0) <= width) return full;
  return views.map((v, i) => ({
    id: v.id as PanelId,
    text: `${i === 0 ? '' : ' '}${v.key ?? ''} ${v.id === current ? v.title : (v.short ?? v.title)}${badge(v.id as PanelId)}`,
  }));
}
