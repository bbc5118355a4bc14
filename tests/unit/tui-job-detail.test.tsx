import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import type { TuiData } from '../../src/tui/data/use-engine-data.js';
import { JobDetail } from '../../src/tui/panels/job-detail.js';
import { fakeJob, T0 } from '../helpers/job-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A job's detail in the body the App gives it (a box of `height` rows that hides overflow):
 * its first line names the job and its state, however many events its timeline holds.
 */
let home: string;
let engine: Engine;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-tui-detail-'));
  engine = createEngine({ home, env: { ...process.env, CC_AGENT_TMUX_SOCKET: 'cc-tui-detail' } });
});
afterEach(() => {
  engine.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the job detail', () => {
  it.each([0, 3, 6, 20])('heads with id, state and task (%i timeline events)', async (n) => {
    const job = fakeJob('e33291a8', {
      activity: 'needs_permission',
      activityDetail: { label: 'Asks to use Bash' },
      promptPreview: 'Check the status page [[bash "curl x"]]',
    });
    const data = {
      ...({} as TuiData),
      jobs: [job],
      timeline: Array.from({ length: n }, (_, i) => ({
        seq: i,
        jobId: job.id,
        ts: T0 + i,
        line: `10:00:0${i % 10}  ${job.id}  event ${i}`,
      })),
      now: T0 + 5000,
    };
    const height = 30;
    const { lastFrame, unmount } = render(
      <Box flexDirection="column" height={height} overflow="hidden">
        <JobDetail
          engine={engine}
          job={job}
          jobId={job.id}
          data={data}
          height={height}
          width={150}
        />
      </Box>,
    );
    try {
      // The screen's capture fails (no tmux here) and says so: the detail has rendered.
      const f = await waitFor(
        () => ((lastFrame() ?? '').includes('no screen') ? (lastFrame() ?? '') : undefined),
        'the detail',
        5000,
      );
      expect(f.split('\n')[0]).toBe(
        'e33291a8 · running · needs_permission: Asks to use Bash · Check the status page',
      );
      expect(f.split('\n').length).toBeLessThanOrEqual(height);
      if (n > 0) expect(f).toContain(`event ${n - 1}`);
    } finally {
      unmount();
    }
  });
});
