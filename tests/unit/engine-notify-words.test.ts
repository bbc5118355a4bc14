import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A trigger's notification and its audit line, as a user reads them (TUI Notifications
 * panel, tmux status line, the approval's result): the trigger by name and its message, not
 * the channels the message went through.
 */
describe('trigger notifications in words', () => {
  let home: string;
  let engine: Engine;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cc-notify-words-'));
    engine = createEngine({ home, env: { CC_AGENT_TMUX_SOCKET: 'cc-notify-words-unused' } });
  });
  afterEach(() => {
    engine.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('names the trigger and says what it notified, auto or approved', async () => {
    engine.triggers.add({
      name: 'sprint-low-capacity',
      kind: 'event',
      condition: 'queue_updated',
      action: 'notify',
      payload: '{"message":"Fewer than 2 agents running"}',
    });
    engine.triggers.add({
      name: 'review-round',
      kind: 'event',
      condition: 'queue_removed',
      action: 'notify',
      payload: '{"message":"Time for a review round?"}',
      autonomy: 'confirm',
    });
    const live = await engine.live({ pulse: true, tickMs: 200 });
    try {
      const heard: string[] = [];
      engine.events.on('notification', (n) => heard.push(`${n.title}: ${n.message}`));
      const t = engine.queue.add('something');
      await waitFor(() => heard.length > 0, 'the notification');
      expect(heard).toEqual(['Trigger sprint-low-capacity: Fewer than 2 agents running']);
      const fired = await waitFor(
        () => engine.triggers.activity().find((a) => a.kind === 'trigger_fired'),
        'the audit line',
      );
      expect(fired.detail['outcome']).toBe('notified: Fewer than 2 agents running');

      engine.queue.remove(t.id);
      const pending = await waitFor(
        () => engine.triggers.approvals().find((a) => a.status === 'pending'),
        'the approval',
      );
      const decided = await engine.triggers.approve(pending.id);
      expect(decided.result).toBe('notified: Time for a review round?');
      expect(heard).toContain('Trigger review-round: Time for a review round?');
    } finally {
      await live.stop();
    }
  });
});
