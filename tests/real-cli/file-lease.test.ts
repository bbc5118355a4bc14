import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictReport, Job } from '../../src/engine/index.js';
import { claudeWorld, type ClaudeWorld } from '../helpers/claude-world.js';
import { turnDone } from '../helpers/jobs.js';
import { CLAUDE_VERSION } from '../helpers/real-claude.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A block lease refuses the real Claude Code through its own PreToolUse hook: a simulated
 * agent holds the file, Claude (offline, against the stub API) asks to Write it, the relay
 * exits 2 with the holder named, Claude sends that reason back to the model, and the file keeps
 * the first agent's content.
 */
describe(`a file lease refuses real Claude Code ${CLAUDE_VERSION}`, () => {
  let w: ClaudeWorld;
  beforeAll(async () => {
    w = await claudeWorld('lease');
  }, 600_000);
  afterAll(async () => w?.close());

  it('denies the Write, tells the model why, and the file keeps the first edit', async () => {
    const { h, env, dir, stub } = w;
    // Started with Claude's environment too: the first session starts the tmux server, and
    // what cc-agent does not pass itself (XDG_RUNTIME_DIR: Claude's IPC socket, kept inside the
    // test's tree) comes from the server's environment.
    const holder = await h.ok(
      [
        'start',
        '--agent',
        'demo',
        '-d',
        dir,
        '--',
        '[[write shared.txt "from the first agent"]] [[say "held"]]',
      ],
      { env },
    );
    await turnDone(h, holder, 'held');
    await h.ok(['settings', 'conflicts.mode', 'block']);
    const id = await h.ok(
      [
        'start',
        '--agent',
        'claude',
        '-d',
        dir,
        '--',
        'Update it [[write "shared.txt" "from claude"]] [[say "tried"]]',
      ],
      { env },
    );
    await waitFor(
      async () => {
        const j = JSON.parse(await h.ok(['status', id, '--json'], { env })) as Job;
        return j.activity === 'waiting' && j.summary === 'tried' ? j : undefined;
      },
      'Claude to finish its turn',
      45_000,
    ).catch(async (e: unknown) => {
      // What Claude shows says why (a first-run dialog, an API error) better than a timeout.
      process.stdout.write(await h.ok(['capture', id, '60'], { env }));
      process.stdout.write(await h.ok(['status', id], { env }));
      throw e;
    });
    expect(readFileSync(join(dir, 'shared.txt'), 'utf8')).toBe('from the first agent');
    // The tool_result Claude sent the model carries the relay's reason.
    const followUps = stub.requests.filter((r) => r.followUp).map((r) => JSON.stringify(r.body));
    expect(followUps.some((b) => b.includes(`is being edited by agent ${holder}`))).toBe(true);
    const r = JSON.parse(await h.ok(['conflicts', '--json', '--no-forecast'])) as ConflictReport;
    expect(r.conflicts).toMatchObject([
      { holder, jobId: id, path: join(dir, 'shared.txt'), refused: 1 },
    ]);
    await h.ok(['kill', id]);
    await h.ok(['kill', holder]);
  });
});
