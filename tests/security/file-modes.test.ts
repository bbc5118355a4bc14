import { chmodSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/cli-harness.js';
import { startDemo, turnDone, waitForStatus } from '../helpers/jobs.js';

interface Entry {
  path: string;
  mode: number;
  dir: boolean;
}

/** Every directory and file under `root` (root included), with its permission bits. */
function walk(root: string): Entry[] {
  const out: Entry[] = [{ path: root, mode: lstatSync(root).mode & 0o777, dir: true }];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, e.name);
    if (e.isDirectory()) out.push(...walk(path));
    else out.push({ path, mode: lstatSync(path).mode & 0o777, dir: false });
  }
  return out;
}

const loose = (entries: Entry[]): string[] =>
  entries
    .filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))
    .map((e) => `${e.mode.toString(8)} ${e.path}`);

/**
 * The home holds the server token, prompts, agent output and the store. On a shared host
 * nobody else may read any of it, and the token lives in server-token alone.
 */
describe('file modes under CC_AGENT_HOME', () => {
  let h: Harness;
  let token: string;
  let work: string;
  beforeAll(async () => {
    h = createHarness('file-modes');
    // The user's umask is the usual 022: private modes must not depend on it.
    process.umask(0o022);
    const out = await h.ok(['serve', '--port', '0', '--detach']);
    token = (/\?token=([0-9a-f]{64})$/.exec(out) as RegExpExecArray)[1] as string;
    work = h.tempDir('work');
    const waiting = await startDemo(h, '[[write out/made.txt hello]] [[say "ready"]]', [
      '--dir',
      work,
    ]);
    const crashed = await startDemo(h, 'about to crash [[exit 3]]');
    await turnDone(h, waiting, 'ready');
    await waitForStatus(h, crashed, 'failed');
    await h.ok(['queue', 'add', 'a task with a secret in it']);
    await h.ok(['settings', 'retention.hook_events_days', '7']);
    await h.ok(['events', '--limit', '5']);
    await h.ok(['jobs']);
  });
  afterAll(() => h?.cleanup());

  it('every directory is 0700 and every file 0600 after serve --detach, jobs and commands', () => {
    const entries = walk(h.home);
    const names = entries.map((e) => e.path.slice(h.home.length + 1));
    // The walk covers what matters: the store, the server's files, job files, the spool.
    for (const f of ['cc-agent.db', 'server-token', 'serve.json', 'serve.log', 'spool'])
      expect(names).toContain(f);
    for (const ext of ['.prompt', '.log', '.json', '.exit'])
      expect(
        names.some((n) => n.startsWith('jobs/') && n.endsWith(ext)),
        ext,
      ).toBe(true);
    expect(loose(entries)).toEqual([]);
  });

  it("the agent's own files keep the user's umask: private modes are for the home only", () => {
    expect(lstatSync(join(work, 'out')).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(work, 'out', 'made.txt')).mode & 0o777).toBe(0o644);
  });

  it('no file but server-token holds the token; serve status prints the URL with it', async () => {
    const holders = walk(h.home)
      .filter((e) => !e.dir && readFileSync(e.path).includes(token))
      .map((e) => e.path.slice(h.home.length + 1));
    expect(holders).toEqual(['server-token']);
    const serveJson = JSON.parse(readFileSync(join(h.home, 'serve.json'), 'utf8')) as {
      url: string;
    };
    expect(serveJson.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await h.ok(['serve', 'status'])).toMatch(
      new RegExp(`^serving \\(pid \\d+\\) on http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`),
    );
  });

  it('an existing 0755/0644 home is tightened on first use', async () => {
    await h.ok(['serve', 'stop']);
    for (const e of walk(h.home)) chmodSync(e.path, e.dir ? 0o755 : 0o644);
    expect(loose(walk(h.home)).length).toBeGreaterThan(5);
    await h.ok(['jobs']);
    expect(loose(walk(h.home))).toEqual([]);
  });
});
