import { Box, Text } from 'ink';
import type { Engine, Job } from '../../engine/index.js';
import type { DiffData } from '../data/use-diff.js';
import type { TuiData } from '../data/use-engine-data.js';
import { useScreen } from '../data/use-screen.js';
import { jobColor } from '../panel-model.js';
import { jobSummary } from '../rows.js';
import { DiffPane } from './diff-pane.js';

const EVENTS_SHOWN = 6;

/**
 * One job: its live screen, timeline and figures, or (`diff` set) its worktree diff. The two
 * are separate components so the screen is not captured while the diff is shown.
 */
export function JobDetail(props: {
  engine: Engine;
  job: Job | undefined;
  jobId: string;
  data: TuiData;
  height: number;
  width: number;
  diff?: { data: DiffData | undefined; scroll: number };
}) {
  const { job, diff } = props;
  if (!job) return <Text color="red">job {props.jobId} is gone</Text>;
  if (diff) {
    return (
      <DiffPane
        job={job}
        diff={diff.data}
        scroll={diff.scroll}
        height={props.height}
        width={props.width}
        now={props.data.now}
      />
    );
  }
  return <LiveDetail engine={props.engine} job={job} data={props.data} height={props.height} />;
}

/** The live screen (from capture-pane, in colour), the job's own timeline and figures. */
function LiveDetail(props: { engine: Engine; job: Job; data: TuiData; height: number }) {
  const { job } = props;
  const screenRows = Math.max(3, props.height - 4 - EVENTS_SHOWN - 2);
  const screen = useScreen(props.engine, job.id, screenRows);
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
