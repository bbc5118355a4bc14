import { Text } from 'ink';

/** One line: the last status (errors in red, never a stack trace), else the key hints. */
export function Footer(props: {
  status: { text: string; error: boolean } | null;
  hints: readonly string[];
  filter: string;
}) {
  if (props.status) {
    return (
      <Text wrap="truncate" color={props.status.error ? 'red' : 'green'}>
        {props.status.text}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" dimColor>
      {props.filter ? `filter: ${props.filter} (esc clears) · ` : ''}
      {props.hints.join(' · ')}
    </Text>
  );
}
