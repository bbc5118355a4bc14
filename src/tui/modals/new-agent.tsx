import { Box, Text, useInput } from 'ink';
import { useTakeKeys } from './listening.js';
import TextInput from 'ink-text-input';
import { useState } from 'react';
import { BACKENDS, EFFORTS, SANDBOXES } from '../../engine/index.js';

export interface NewAgent {
  prompt: string;
  agent: string;
  model: string;
  reasoning: string;
  sandbox: string;
  dir: string;
}

type Field = keyof NewAgent;
const FIELDS: Field[] = ['prompt', 'agent', 'model', 'reasoning', 'sandbox', 'dir'];
/** Fields with a fixed set of values: Left/Right (or Space) cycles them. */
const CHOICES: Partial<Record<Field, readonly string[]>> = {
  agent: BACKENDS,
  reasoning: ['', ...EFFORTS],
  sandbox: SANDBOXES,
};

/**
 * The new-agent form: Tab/Down and Shift+Tab/Up move between fields, Left/Right cycle a
 * choice, Enter starts the agent, Escape cancels.
 */
export function NewAgentForm(props: {
  initial: NewAgent;
  onSubmit: (v: NewAgent) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState<NewAgent>(props.initial);
  const [at, setAt] = useState(0);
  const field = FIELDS[at] as Field;
  const choices = CHOICES[field];
  const take = useTakeKeys();
  useInput((input, key) => {
    take();
    if (key.escape) return props.onCancel();
    if (key.tab && key.shift) return setAt((a) => (a + FIELDS.length - 1) % FIELDS.length);
    if (key.tab || key.downArrow) return setAt((a) => (a + 1) % FIELDS.length);
    if (key.upArrow) return setAt((a) => (a + FIELDS.length - 1) % FIELDS.length);
    if (choices && (key.leftArrow || key.rightArrow || input === ' ')) {
      const i = choices.indexOf(v[field]);
      const next = choices[(i + (key.leftArrow ? choices.length - 1 : 1)) % choices.length];
      setV({ ...v, [field]: next ?? '' });
    }
    if (choices && key.return) props.onSubmit(v);
  });
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>New agent</Text>
      {FIELDS.map((f, i) => (
        <Box key={f}>
          <Text
            color={i === at ? 'cyan' : undefined}
          >{`${i === at ? '›' : ' '} ${f.padEnd(10)}`}</Text>
          {CHOICES[f] ? (
            <Text inverse={i === at}>{` ${v[f] || 'default'} `}</Text>
          ) : (
            <TextInput
              value={v[f]}
              focus={i === at}
              placeholder={f === 'model' ? 'default' : ''}
              onChange={(text) => setV({ ...v, [f]: text })}
              onSubmit={() => props.onSubmit(v)}
            />
          )}
        </Box>
      ))}
      <Text dimColor>Tab/↑↓ move · ←/→ choose · Enter start · Esc cancel</Text>
    </Box>
  );
}
