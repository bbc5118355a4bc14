import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { count, duration } from '../../view/format.js';
import type { Engine } from '../../engine/index.js';
import { barChart, sparkline } from '../charts.js';

const GAP = 3;

/**
 * Tokens and cost per day, how long jobs ran, which tools they used: bar charts drawn with
 * Unicode blocks (src/tui/charts.ts), recomputed only when the jobs change.
 */
export function AnalyticsPanel(props: { engine: Engine; width: number; version: unknown }) {
  const { engine, width, version } = props;
  // `version` changes when the jobs do: the reload signal.
  const a = useMemo(() => {
    void version;
    return engine.analytics(14);
  }, [engine, version]);
  const days = a.days.slice(-7);
  // Two charts side by side with a gap between them: each chart fills its column to the
  // last cell, so without one the left chart's figures run into the right chart's labels.
  const half = Math.max(20, Math.floor((width - GAP) / 2));
  return (
    <Box flexDirection="column">
      <Text bold>
        tokens per day (14 d) {sparkline(a.days.map((d) => d.tokens))} · cost{' '}
        {sparkline(a.days.map((d) => d.costUsd))}
      </Text>
      {barChart(
        days.map((d) => ({
          label: d.day.slice(5),
          value: d.tokens,
          text: `${count(d.tokens)} tok · $${d.costUsd.toFixed(2)} · ${d.jobs} jobs`,
        })),
        width,
      ).map((l, i) => (
        <Text key={`d${i}`}>{l}</Text>
      ))}
      <Box marginTop={1} columnGap={GAP}>
        <Box flexDirection="column" width={half} flexShrink={0}>
          <Text bold>recent job durations</Text>
          {barChart(
            a.durations.slice(0, 8).map((d) => ({
              label: d.id,
              value: d.seconds,
              text: duration(d.seconds * 1000),
            })),
            half,
          ).map((l, i) => (
            <Text key={`j${i}`}>{l}</Text>
          ))}
          {a.durations.length === 0 ? <Text dimColor>no finished jobs yet</Text> : null}
        </Box>
        <Box flexDirection="column" width={half} flexShrink={0}>
          <Text bold>tool usage</Text>
          {barChart(
            a.tools.slice(0, 8).map((t) => ({ label: t.tool, value: t.count })),
            half,
          ).map((l, i) => (
            <Text key={`t${i}`}>{l}</Text>
          ))}
          {a.tools.length === 0 ? <Text dimColor>no tool calls yet</Text> : null}
        </Box>
      </Box>
    </Box>
  );
}
