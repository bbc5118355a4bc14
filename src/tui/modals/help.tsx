import { Box, Text } from 'ink';
import { KEYMAP, type Scope } from '../keymap.js';

const SCOPE_TITLES: [Scope, string][] = [
  ['global', 'Everywhere'],
  ['list', 'Lists'],
  ['jobs', 'Jobs'],
  ['job', 'A job (selected row or its detail)'],
  ['detail', 'Job detail'],
  ['queue', 'Queue'],
  ['triggers', 'Triggers'],
  ['approvals', 'Approvals'],
];

interface Section {
  title: string;
  lines: string[];
}

const SECTIONS: Section[] = SCOPE_TITLES.map(([scope, title]) => ({
  title,
  lines: KEYMAP.filter((b) => b.scope === scope).map(
    (b) => `  ${b.keys.join(', ').padEnd(18)} ${b.description}`,
  ),
}));

/**
 * Sections in as few columns as fit `height` lines each, in keymap order: a short terminal
 * gets the keys side by side instead of losing the ones below the fold.
 */
export function helpColumns(height: number, sections: readonly Section[] = SECTIONS): Section[][] {
  const tall = (s: Section): number => 1 + s.lines.length;
  for (let n = 1; n < sections.length; n++) {
    const cols: Section[][] = [[]];
    let used = 0;
    for (const s of sections) {
      const col = cols[cols.length - 1] as Section[];
      if (used + tall(s) > height && col.length > 0) {
        cols.push([s]);
        used = tall(s);
      } else {
        col.push(s);
        used += tall(s);
      }
    }
    if (cols.length <= n) return cols;
  }
  return sections.map((s) => [s]);
}

/** Every key, from the same table that dispatches them. Any key closes it (the App's handler). */
export function Help(props: { rows: number; columns: number }) {
  // The border and the title line take three of the rows the App gives the overlay.
  const cols = helpColumns(Math.max(4, props.rows - 3));
  const width = Math.max(20, Math.floor((props.columns - 4) / cols.length));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys (any key closes)</Text>
      <Box flexDirection="row">
        {cols.map((col, i) => (
          <Box key={i} flexDirection="column" width={width}>
            {col.map((s) => (
              <Box key={s.title} flexDirection="column">
                <Text bold color="cyan" wrap="truncate">
                  {s.title}
                </Text>
                {s.lines.map((l) => (
                  <Text key={l} wrap="truncate">
                    {l}
                  </Text>
                ))}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
