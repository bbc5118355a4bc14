import { Box, Text } from 'ink';
import type { Engine, Job } from '../../engine/index.js';
import type { TuiData } from '../data/use-engine-data.js';
import { useScreen } from '../data/use-screen.js';
import { jobColor } from '../panel-model.js';
import { jobSummary } from '../rows.js';

const EVENTS_SHOWN = 6;

/** One job: its live screen (from capture-pane, in colour), its own timeline and figures. */
export function JobDetail(props: {
  engine: Engine;
  job: Job | undefined;
  jobId: string;
  data: TuiData;
  height: number;
}) {
  const { job } = props;
  const screenRows = Math.max(3, props.height - 4 - EVENTS_SHOWN - 2);
  const screen = useScreen(props.engine, props.jobId, screenRows);
  if (!job) return <Text color="red">job {props.jobId} is gone</Text>;
  const events = props.data.timeline.filter((e) => e.jobId === job.id).slice(-EVENTS_SHOWN);
  const lines = screen.split('\n').slice(-screenRows);
  return (
    <Box flexDirection="column">
      {jobSummary(job, props.data.now).map((l, i) => (
        <Text key={i} wrap="truncate" color={i === 0 ? jobColor(job) : undefined} bold={i === 0}>
          {l}
        </Text>
      ))}
      <Box flexDirection="column" borderStyle="single" borderDimColor height={screenRows + 2}>
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate">
            {l}
          </Text>
        ))}
      </Box>
      <Text bold>timeline</Text>
      {events.length === 0 ? <Text dimColor>no events yet</Text> : null}
      {events.map((e) => (
        <Text key={e.seq} wrap="truncate" dimColor>
          {e.line}
        </Text>
      ))}
    </Box>
  );
}
