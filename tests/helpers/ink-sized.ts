import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';

/**
 * ink-testing-library's render on a terminal of a given size (its own is 100 columns and has
 * no rows): the size is set and announced as a resize, then the tree is drawn again, so every
 * frame read afterwards is at that size.
 */
export function renderSized(
  tree: ReactElement,
  columns: number,
  rows: number,
): ReturnType<typeof render> {
  const r = render(tree);
  Object.defineProperty(r.stdout, 'columns', { get: () => columns });
  Object.defineProperty(r.stdout, 'rows', { get: () => rows });
  r.stdout.emit('resize');
  r.rerender(tree);
  return r;
}
