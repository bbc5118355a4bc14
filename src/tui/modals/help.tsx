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

/** Every key, from the same table that dispatches them. Any key closes it (the App's handler). */
export function Help() {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>Keys (any key closes)</Text>
      {SCOPE_TITLES.map(([scope, title]) => (
        <Box key={scope} flexDirection="column">
          <Text bold color="cyan">
            {title}
          </Text>
          {KEYMAP.filter((b) => b.scope === scope).map((b) => (
            <Text key={b.command} wrap="truncate">
              {`  ${b.keys.join(', ').padEnd(18)} ${b.description}`}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
