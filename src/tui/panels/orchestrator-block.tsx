import { Box, Text } from 'ink';
import type { OrchestratorStatus } from '../../engine/index.js';
import { taskText } from '../../view/task-label.js';
import { pulseWords } from '../activity-words.js';

/** The orchestrator at a glance, above its recent activity. */
export function OrchestratorBlock(props: { o: OrchestratorStatus }) {
  const { o } = props;
  const job = o.job;
  const color = o.state === 'running' ? 'green' : o.state === 'down' ? 'red' : undefined;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text wrap="truncate">
        <Text bold color={color}>
          {o.state}
        </Text>
        {job
          ? ` · ${job.backend} ${job.model ?? ''} · ${job.activityDetail?.label ?? job.activity ?? ''}`
          : ''}
        {o.state === 'down' && o.respawnInMs !== null
          ? ` · respawn in ${Math.ceil(o.respawnInMs / 1000)} s`
          : ''}
      </Text>
      <Text wrap="truncate">
        context {o.contextPct === null ? '-' : `${o.contextPct}%`} ({o.phase ?? 'normal'}) · task{' '}
        {o.currentTask ? `${o.currentTask.id} ${taskText(o.currentTask.prompt)}` : 'none'} · queued{' '}
        {o.queueDepth} · respawns {o.respawns}
      </Text>
      <Text wrap="truncate" dimColor>
        {pulseWords(o.pulse)} · state {o.statePath}
      </Text>
    </Box>
  );
}
