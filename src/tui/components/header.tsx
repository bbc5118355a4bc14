import { Box, Text } from 'ink';
import type { TuiData } from '../data/use-engine-data.js';
import { needsAttention } from '../../view/attention.js';
import { budgetBanner, budgetFigure } from '../../view/budget.js';
import { hostsLine } from '../../view/hosts.js';
import { pendingItems } from '../rows.js';
import { tabs } from './tabs.js';
import type { PanelId } from '../view/state.js';

/** Tabs with their number keys, and what waits for the user. */
export function Header(props: { panel: PanelId; data: TuiData; width: number }) {
  const { data } = props;
  const running = data.jobs.filter((j) => j.status === 'running').length;
  const attention = data.jobs.filter(needsAttention).length;
  const pending = pendingItems(data.approvals, data.jobs).length;
  const o = data.orchestrator;
  const conflicts = data.conflicts.length;
  const spend = budgetFigure(data.budget);
  const banner = budgetBanner(data.budget);
  const hosts = hostsLine(data.hosts);
  return (
    <Box flexDirection="column" width={props.width}>
      <Box>
        <Text bold color="cyan">
          cc-agent{' '}
        </Text>
        <Text wrap="truncate">
          {running} running · {attention > 0 ? `${attention} need you · ` : ''}
          {pending > 0 ? `${pending} pending approval${pending > 1 ? 's' : ''} · ` : ''}
          {conflicts > 0 ? `${conflicts} file conflict${conflicts > 1 ? 's' : ''} · ` : ''}
          queue {o.queueDepth} · orch {o.state}
          {o.contextPct !== null ? ` ${o.contextPct}%` : ''} · pulse {o.pulse.leader ? 'on' : 'off'}
          {spend ? ` · ${spend}` : ''}
        </Text>
      </Box>
      {hosts ? <Text wrap="truncate">{hosts}</Text> : null}
      {banner ? (
        <Text color="red" bold wrap="truncate">
          {banner}
        </Text>
      ) : null}
      {/* One line, cut at the edge: a narrow terminal never wraps the tabs. */}
      <Text wrap="truncate">
        {tabs(props.panel, props.width, (id) =>
          id === 'approvals' && pending > 0
            ? ` (${pending})`
            : id === 'conflicts' && conflicts > 0
              ? ` (${conflicts})`
              : '',
        ).map((t) => (
          <Text
            key={t.id}
            inverse={t.id === props.panel}
            color={t.id === props.panel ? 'cyan' : undefined}
          >
            {t.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
