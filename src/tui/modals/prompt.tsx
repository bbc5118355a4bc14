import { Box, Text } from 'ink';
import { applyFilter, windowRows } from '../view/state.js';

export interface PaletteEntry {
  label: string;
  run: () => void;
}

/** The entries a palette shows for its text. */
export const paletteShown = (entries: readonly PaletteEntry[], text: string): PaletteEntry[] =>
  applyFilter(entries, text, (e) => e.label);

/**
 * One line of text (send, reuse, a new task, a filter) or, with `entries`, the command
 * palette, whose text filters the entries. Drawn only: the App's one key handler edits it, so
 * nothing typed while it opens is lost or misread.
 */
export function Prompt(props: {
  label: string;
  value: string;
  picked: number;
  entries?: readonly PaletteEntry[];
}) {
  const shown = props.entries ? paletteShown(props.entries, props.value) : [];
  const { start, end } = windowRows(shown.length, props.picked, 12);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text wrap="truncate-start">
        <Text bold>{props.label} </Text>
        {props.value}
        <Text inverse> </Text>
      </Text>
      {shown.slice(start, end).map((e, i) => (
        <Text key={e.label} inverse={start + i === props.picked} wrap="truncate">
          {e.label}
        </Text>
      ))}
      <Text dimColor>
        Enter {props.entries ? 'runs · ↑↓ pick' : 'sends'} · Ctrl+U clears · Esc cancels
      </Text>
    </Box>
  );
}
