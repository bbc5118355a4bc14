import type { HostSummary, Job } from '../engine/index.js';

/**
 * Many hosts: a running job whose host's engine stopped beating is not known to run, nor to
 * have failed (its agent may well go on); every face shows it as `unknown` until its host is
 * back.
 */
export function hostStatus(j: Job, hosts: ReadonlyMap<string, HostSummary>): string | undefined {
  if (j.status !== 'running' || j.host === null) return undefined;
  const h = hosts.get(j.host);
  return h && !h.here && !h.up ? 'unknown' : undefined;
}

export const byId = (hosts: readonly HostSummary[]): Map<string, HostSummary> =>
  new Map(hosts.map((h) => [h.id, h]));

/** "3/8 agents", "3 agents" (no limit). */
export const capacityLabel = (h: HostSummary): string =>
  `${h.agents}${h.maxAgents === null ? '' : `/${h.maxAgents}`} agents`;

/** "up, 2 s ago", "down, 3 min ago", "never". */
export function beatLabel(h: HostSummary, now: number): string {
  if (h.heartbeatAt === null) return h.here ? 'no live engine here' : 'never';
  const s = Math.max(0, Math.round((now - Date.parse(h.heartbeatAt)) / 1000));
  const ago = s < 120 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
  return `${h.up ? 'up' : 'DOWN'}, ${ago}`;
}

/** The header's line for many hosts: "hosts: alpha 3/8 · beta 2 DOWN"; empty for one host. */
export function hostsLine(hosts: readonly HostSummary[]): string {
  if (hosts.length === 0) return '';
  return `hosts: ${hosts
    .map(
      (h) =>
        `${h.id} ${h.agents}${h.maxAgents === null ? '' : `/${h.maxAgents}`}${h.up || (h.here && h.heartbeatAt === null) ? '' : ' DOWN'}`,
    )
    .join(' · ')}`;
}
