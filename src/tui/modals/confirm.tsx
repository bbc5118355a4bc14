import { Box, Text } from 'ink';

/** A yes/no question; the App's handler answers it (y or Enter yes, n or Escape no). */
export function Confirm(props: { message: string }) {
  return (
    <Box borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text>
        {props.message} <Text bold>[y/n]</Text>
      </Text>
    </Box>
  );
}

/** What a key says to a confirm question: yes, no, or nothing. */
export function confirmAnswer(input: string, key: { return: boolean; escape: boolean }) {
  if (input === 'y' || input === 'Y' || key.return) return true;
  if (input === 'n' || input === 'N' || key.escape) return false;
  return undefined;
}
