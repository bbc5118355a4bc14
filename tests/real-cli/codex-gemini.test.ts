import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codexBackend } from '../../src/engine/agents/codex.js';
import { geminiBackend } from '../../src/engine/agents/gemini.js';
import type { AgentBackend, LaunchRequest } from '../../src/engine/agents/types.js';
import { SANDBOXES } from '../../src/engine/store/job-types.js';
import { ensureCli, installTimes } from '../helpers/real-claude.js';

/** Pinned: the latest of each line the agent CLI facts describe (npm, November 2026). */
export const CODEX_VERSION = '0.169.0';
export const GEMINI_VERSION = '0.61.0';

const SESSION = '3f2b6a1e-7c4d-4e5f-9a8b-0c1d2e3f4a5b';

/** Every launch an adapter can produce: each sandbox, with and without -m/-r, resumed or not. */
function launches(backend: AgentBackend): { label: string; args: string[] }[] {
  const out: { label: string; args: string[] }[] = [];
  for (const sandbox of SANDBOXES) {
    for (const model of [undefined, 'some-model']) {
      for (const resume of [false, true]) {
        const req: LaunchRequest = {
          jobId: '0badcafe',
          home: '/tmp/cc-home',
          dir: '/work/project',
          model,
          effort: model ? 'max' : undefined,
          sandbox,
          sessionId: SESSION,
          settingsFile: '/tmp/cc-home/jobs/0badcafe.settings.json',
          relayScript: '/opt/cc-agent/hooks/relay-event.sh',
          resume,
        };
        const label = `${sandbox}${model ? ' -m' : ''}${resume ? ' resume' : ''}`;
        out.push({ label, args: backend.launch(req).args });
      }
    }
  }
  return out;
}

const flagsOf = (args: readonly string[]): string[] => args.filter((a) => /^-{1,2}[a-z]/i.test(a));

/** `flag` as an option in help text: "-m, --model", "  --approval-mode", "-s, --sandbox <…>". */
const helpHas = (help: string, flag: string): boolean =>
  new RegExp(`(^|[\\s,])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s,=<\\[]|$)`, 'm').test(
    help,
  );

interface Run {
  code: number | null;
  out: string;
}

describe(`Codex ${CODEX_VERSION} and Gemini CLI ${GEMINI_VERSION} accept the flags we launch them with`, () => {
  let codex: string;
  let gemini: string;
  let home: string;
  const started = Date.now();
  /** A clean HOME and cwd: neither CLI may read or write the user's own config. */
  let env: NodeJS.ProcessEnv;

  const run = (exe: string, args: string[]): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(exe, args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  const help = (exe: string, args: string[]): string => {
    const r = spawnSync(exe, args, { cwd: home, env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, `${exe} ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  beforeAll(() => {
    codex = join(ensureCli('@openai/codex', CODEX_VERSION, 'codex'), 'codex');
    gemini = join(ensureCli('@google/gemini-cli', GEMINI_VERSION, 'gemini'), 'gemini');
    home = mkdtempSync(join(tmpdir(), 'cc-real-cli-home-'));
    env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      CODEX_HOME: join(home, '.codex'),
      // Gemini checks auth before --list-sessions; nothing is ever sent with this key.
      GEMINI_API_KEY: 'cc-agent-dummy-key',
      NO_COLOR: '1',
    };
  }, 600_000);
  afterAll(() => {
    if (home) rmSync(home, { recursive: true, force: true });
    const installs = Object.entries(installTimes)
      .map(([pkg, ms]) => `${pkg} installed in ${(ms / 1000).toFixed(1)} s`)
      .join(', ');
    process.stdout.write(
      `real-CLI tier (codex ${CODEX_VERSION}, gemini ${GEMINI_VERSION}): ${((Date.now() - started) / 1000).toFixed(1)} s${installs ? `; ${installs}` : '; both from the cache'}\n`,
    );
  });

  describe('codex', () => {
    it('--version prints the pinned version', () => {
      expect(help(codex, ['--version']).trim()).toBe(`codex-cli ${CODEX_VERSION}`);
    });

    it('every flag of every launch is in `codex --help` (resumed: `codex resume --help`)', () => {
      const main = help(codex, ['--help']);
      const resume = help(codex, ['resume', '--help']);
      expect(main).toMatch(/^\s+resume\s/m);
      expect(resume).toMatch(/Usage: codex resume \[OPTIONS\] \[SESSION_ID\] \[PROMPT\]/);
      for (const { label, args } of launches(codexBackend)) {
        const text = args[0] === 'resume' ? resume : main;
        for (const flag of flagsOf(args)) {
          expect(helpHas(text, flag), `${label}: ${flag} in codex help`).toBe(true);
        }
      }
      for (const sandbox of SANDBOXES) expect(main).toContain(sandbox);
      expect(main).toMatch(/- on-request:/);
    });

    it('clap accepts every launch argv, values included (`<argv> --version` parses all first)', async () => {
      const runs = await Promise.all(
        launches(codexBackend).map(async ({ label, args }) => ({
          label,
          args,
          r: await run(codex, [...args, '--version']),
        })),
      );
      for (const { label, args, r } of runs) {
        expect(r.code, `${label}: codex ${args.join(' ')}\n${r.out}`).toBe(0);
        expect(r.out).toMatch(new RegExp(`codex-cli(-resume)? ${CODEX_VERSION}`));
      }
      // The check has teeth: a bad value fails the same way.
      const bad = await run(codex, ['-s', 'read-write', '--version']);
      expect(bad.code).toBe(2);
      expect(bad.out).toContain("invalid value 'read-write'");
    });
  });

  describe('gemini', () => {
    it('--version prints the pinned version', () => {
      expect(help(gemini, ['--version']).trim()).toBe(GEMINI_VERSION);
    });

    it('every flag of every launch, and the prompt flag -i, is in `gemini --help`', () => {
      const text = help(gemini, ['--help']);
      for (const { label, args } of launches(geminiBackend)) {
        for (const flag of flagsOf(args)) {
          expect(helpHas(text, flag), `${label}: ${flag} in gemini help`).toBe(true);
        }
      }
      expect(geminiBackend.promptFlag).toBe('-i');
      expect(text).toMatch(/-i, --prompt-interactive\s+Execute the provided prompt and continue/);
      expect(text).toMatch(/--approval-mode .*\[choices: "default", "auto_edit", "yolo", "plan"\]/);
      expect(text).toContain('plan (read-only mode)');
    });

    it('yargs (strict) accepts every sandbox with -m, and every sandbox resumed', async () => {
      // --list-sessions parses and validates everything, then exits without a model or a TTY.
      // Each run costs ~1.5 s of Node start-up, so this covers every flag and value once per
      // approval mode rather than all twelve combinations (the help check above takes them all).
      const covering = launches(geminiBackend).filter(
        ({ label }) =>
          label.endsWith(' -m') || (label.endsWith(' resume') && !label.includes('-m')),
      );
      expect(covering).toHaveLength(6);
      const runs = await Promise.all(
        covering.map(async ({ label, args }) => ({
          label,
          args,
          r: await run(gemini, [...args, '--list-sessions']),
        })),
      );
      for (const { label, args, r } of runs) {
        const what = `${label}: gemini ${args.join(' ')}\n${r.out}`;
        expect(r.out, what).not.toMatch(
          /Usage: gemini|Unknown argument|Invalid values|Not enough arguments|mutually exclusive/,
        );
        if (args.includes('--resume')) {
          // Parsed, then looked up: this fresh HOME has no session to resume.
          expect(r.out, what).toContain('No previous sessions found');
        } else {
          expect(r.code, what).toBe(0);
        }
      }
      // The check has teeth: strict mode rejects what it does not know.
      const bad = await run(gemini, ['--approval-mode', 'read-only', '--list-sessions']);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('Invalid values');
    }, 150_000); // six Node CLIs at once on two cores: a minute is not enough under load

    it('the prompt is the value of -i; one starting with a dash is not (start.ts pastes it)', async () => {
      const [args] = launches(geminiBackend).map((l) => l.args);
      const [taken, dash] = await Promise.all([
        run(gemini, [...(args ?? []), '-i', 'Review auth', '--list-sessions']),
        run(gemini, [...(args ?? []), '-i', '-v flag docs', '--list-sessions']),
      ]);
      // -i took the prompt: the CLI goes on to refuse interactive mode without a terminal.
      expect(taken.out).toContain('--prompt-interactive flag cannot be used when input is piped');
      expect(dash.code).toBe(1);
      expect(dash.out).toContain('Not enough arguments following: i');
    });
  });
});
