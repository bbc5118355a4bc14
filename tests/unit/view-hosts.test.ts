import { describe, expect, it } from 'vitest';
import type { HostSummary } from '../../src/engine/index.js';
import { JOB_HEADER, jobHeader, jobRow } from '../../src/tui/rows.js';
import { beatLabel, byId, capacityLabel, hostStatus, hostsLine } from '../../src/view/hosts.js';
import { fakeJob, T0 } from '../helpers/job-fixture.js';

const host = (id: string, over: Partial<HostSummary> = {}): HostSummary => ({
  id,
  here: false,
  agents: 2,
  maxAgents: 4,
  heartbeatAt: new Date(T0).toISOString(),
  up: true,
  ...over,
});

describe('many hosts in the shared view layer', () => {
  const hosts = byId([host('alpha', { here: true }), host('beta', { up: false, maxAgents: null })]);

  it('a running job of a down host is unknown; its ended jobs and live hosts say what they are', () => {
    const running = fakeJob('a1b2c3d4', { host: 'beta', status: 'running' });
    expect(hostStatus(running, hosts)).toBe('unknown');
    expect(hostStatus({ ...running, status: 'completed' }, hosts)).toBeUndefined();
    expect(hostStatus({ ...running, host: 'alpha' }, hosts)).toBeUndefined();
    expect(hostStatus({ ...running, host: null }, hosts)).toBeUndefined();
  });

  it('words capacity, heartbeat and the header line', () => {
    expect(capacityLabel(host('alpha'))).toBe('2/4 agents');
    expect(capacityLabel(host('beta', { maxAgents: null }))).toBe('2 agents');
    expect(beatLabel(host('alpha'), T0 + 3000)).toBe('up, 3 s ago');
    expect(beatLabel(host('beta', { up: false }), T0 + 600_000)).toBe('DOWN, 10 min ago');
    expect(beatLabel(host('alpha', { here: true, heartbeatAt: null, up: false }), T0)).toBe(
      'no live engine here',
    );
    expect(hostsLine([...hosts.values()])).toBe('hosts: alpha 2/4 · beta 2 DOWN');
    expect(hostsLine([])).toBe('');
  });

  it('the TUI rows get a HOST column only when hosts share the store', () => {
    const j = fakeJob('a1b2c3d4', { host: 'beta', status: 'running', activity: 'working' });
    expect(jobHeader(new Map())).toBe(JOB_HEADER);
    expect(jobHeader(hosts)).toMatch(/^ {2}ID {7}HOST {7}STATE/);
    expect(jobRow(j, T0, undefined, [], hosts)).toMatch(/a1b2c3d4 beta {7}unknown/);
    expect(jobRow(j, T0)).toMatch(/a1b2c3d4 working/);
  });
});
