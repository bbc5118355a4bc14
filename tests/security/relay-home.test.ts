import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli-harness.js';

/**
 * Issue 13 item 4, the relay's half: with neither HOME nor CC_AGENT_HOME set it must write where
 * the engine looks (os.homedir(): the passwd entry), not `/.cc-agent`; and it copies at most
 * 16 MB of a payload. Run under `env -i` with a stand-in `getent` that names a temp home as
 * the passwd home. As root it runs as uid 65534 (setpriv), so even the unfixed relay cannot
 * create anything under the real `/`.
 */

const RELAY = join(repoRoot, 'hooks', 'relay-event.sh');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe('relay-event.sh without HOME or CC_AGENT_HOME', () => {
  let base: string;
  let pwHome: string;
  let bin: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'cc-agent-relay-home-'));
    chmodSync(base, 0o755);
    pwHome = join(base, 'pw home');
    bin = join(base, 'bin');
    mkdirSync(pwHome);
    mkdirSync(bin);
    if (asRoot) chownSync(pwHome, NOBODY, NOBODY);
    // The passwd entry for whoever asks, as `getent passwd <uid>` prints it.
    writeFileSync(
      join(bin, 'getent'),
      `#!/bin/sh\n[ "$1" = passwd ] || exit 2\necho "tester:x:$2:$2:Tester:${pwHome}:/bin/sh"\n`,
      { mode: 0o755 },
    );
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** The relay under `env -i`: only PATH (stand-in getent first) and the job id. */
  function relay(
    input: string | Buffer,
    more: string[] = [],
  ): { code: number | null; stderr: string } {
    const envArgs = [`PATH=${bin}:/usr/bin:/bin`, 'CC_AGENT_JOB_ID=0badcafe', ...more];
    const drop = asRoot
      ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups']
      : [];
    const argv = [...drop, 'env', '-i', ...envArgs, 'sh', RELAY];
    const r = spawnSync(argv[0] as string, argv.slice(1), { input, cwd: base });
    return { code: r.status, stderr: String(r.stderr) };
  }
  const spooled = (): string[] => {
    const spool = join(pwHome, '.cc-agent', 'spool');
    return existsSync(spool) ? readdirSync(spool).filter((n) => n.endsWith('.json')) : [];
  };

  it("writes to the passwd home's .cc-agent, never to /.cc-agent", () => {
    const rootSpoolBefore = existsSync('/.cc-agent');
    const r = relay('{"hook_event_name":"Stop","session_id":"s"}');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const files = spooled();
    expect(files).toHaveLength(1);
    const text = readFileSync(join(pwHome, '.cc-agent', 'spool', files[0] as string), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      job_id: '0badcafe',
      payload: { hook_event_name: 'Stop' },
    });
    expect(existsSync('/.cc-agent')).toBe(rootSpoolBefore);
  });

  it('the engine resolves its home the same way: absolute, passwd when HOME is empty', () => {
    const paths = join(repoRoot, 'dist', 'engine', 'paths.js');
    const script = `import(${JSON.stringify(paths)}).then((m) => {
      const os = require('node:os');
      process.stdout.write(JSON.stringify([
        m.resolveHome({}), m.resolveHome({ CC_AGENT_HOME: 'rel/home' }), os.userInfo().homedir,
      ]));
    })`;
    // HOME='' makes os.homedir() return '' (a relative '.cc-agent' before the fix).
    const r = spawnSync(process.execPath, ['-e', script], {
      cwd: base,
      env: { PATH: process.env['PATH'], HOME: '' },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const [fallback, relative, passwdHome] = JSON.parse(r.stdout) as [string, string, string];
    expect(fallback).toBe(join(passwdHome, '.cc-agent'));
    expect(relative).toBe(join(base, 'rel', 'home'));
  });

  it('copies at most 16 MB of a payload (the engine then quarantines the cut file)', () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    const r = relay(big, [`CC_AGENT_HOME=${join(pwHome, '.cc-agent')}`]);
    expect(r.code).toBe(0);
    const files = spooled();
    expect(files).toHaveLength(1);
    const text = readFileSync(join(pwHome, '.cc-agent', 'spool', files[0] as string));
    // The envelope around at most 16 MiB of payload.
    expect(text.length).toBeLessThanOrEqual(16 * 1024 * 1024 + 200);
    expect(text.length).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });
});
