import { Box, Text } from 'ink';
import type { Job } from '../../engine/index.js';
import type { DiffData } from '../data/use-diff.js';
import { DIFF_STYLE, diffWindow, printable, worktreeLine } from '../../view/diff.js';
import { jobColor } from '../panel-model.js';
import { jobSummary } from '../rows.js';

/** Lines around the diff's own: the job's title, the branch header, the position (or error). */
const CHROME = 3;

/** How many lines of the diff fit in a body `height` tall (the keys page by this too). */
export const diffRows = (height: number): number => Math.max(1, height - CHROME);

/**
 * A job's worktree diff, coloured by line kind and windowed: only the lines on screen are
 * rendered, so a diff of any size costs the same per frame.
 */
export function DiffPane(props: {
  job: Job;
  diff: DiffData | undefined;
  scroll: number;
  height: number;
  width: number;
  now: number;
}) {
  const { job, diff } = props;
  const title = (
    <Text wrap="truncate" color={jobColor(job)} bold>
      {jobSummary(job, props.now)[0]}
    </Text>
  );
  if (!job.worktree) {
    return (
      <Box flexDirection="column">
        {title}
        <Text dimColor wrap="truncate">
          started without --worktree: there is no diff to show (d: back to the live screen)
        </Text>
      </Box>
    );
  }
  const rows = diffRows(props.height);
  const lines = diff?.lines ?? [];
  const { start, end } = diffWindow(lines.length, props.scroll, rows);
  const body =
    lines.length > 0 ? (
      lines.slice(start, end).map((l, i) => {
        const style = DIFF_STYLE[diff?.kinds[start + i] ?? 'context'];
        return (
          <Text
            key={start + i}
            wrap="truncate"
            color={style.color}
            bold={style.bold}
            dimColor={style.dim}
          >
            {printable(l, props.width) || ' '}
          </Text>
        );
      })
    ) : (
      <Text dimColor>
        {!diff || diff.loading
          ? 'loading the diff…'
          : diff.error
            ? ' '
            : `no changes since ${job.worktree.base.slice(0, 12)}`}
      </Text>
    );
  return (
    <Box flexDirection="column">
      {title}
      <Text wrap="truncate" bold>
        {worktreeLine(job, diff?.state)}
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {body}
      </Box>
      {diff?.error ? (
        <Text wrap="truncate" color="red">
          {diff.error}
        </Text>
      ) : lines.length > 0 ? (
        <Text wrap="truncate" dimColor>
          lines {start + 1}–{end} of {lines.length}
        </Text>
      ) : null}
    </Box>
  );
}
