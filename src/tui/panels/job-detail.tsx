import { Box, Text } from 'ink';
import type { Engine, Job } from '../../engine/index.js';
import type { DiffData } from '../data/use-diff.js';
import type { TuiData } from '../data/use-engine-data.js';
import { useScreen } from '../data/use-screen.js';
import { jobColor } from '../panel-model.js';
import { jobSummary } from '../rows.js';
import { DiffPane } from './diff-pane.js';

const EVENTS_SHOWN = 6;
/** Rows around the screen: the four summary lines, the screen's border, "timeline". */
const AROUND = 4 + 2 + 1;

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
  // Everything must fit the body: a column taller than it is squeezed from the top by Yoga,
  // which took the header line (id and state) first.
  const screenRows = Math.max(3, props.height - AROUND - EVENTS_SHOWN);
  const screen = useScreen(props.engine, job.id, screenRows);
  const events = props.data.timeline.filter((e) => e.jobId === job.id).slice(-EVENTS_SHOWN);
  const lines = screen.split('\n').slice(-screenRows);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" flexShrink={0}>
        {jobSummary(job, props.data.now, props.data.orchestrator).map((l, i) => (
          <Text key={i} wrap="truncate" color={i === 0 ? jobColor(job) : undefined} bold={i === 0}>
            {l}
          </Text>
        ))}
      </Box>
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
