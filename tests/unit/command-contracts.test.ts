import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineContract, type FlagsOf } from '../../src/commands/contract.js';
import { noFlags, parseFlags } from '../../src/commands/flags.js';
import { findCommand, registry } from '../../src/commands/registry.js';
import { defineCommand, type Io } from '../../src/commands/types.js';
import { cliPath, repoRoot } from '../helpers/cli-harness.js';

const spec = defineContract({
  name: 'example',
  group: 'Setup',
  usage: 'example',
  summary: 'An example',
  help: '',
  flags: {
    name: { type: 'string' },
    on: { type: 'boolean' },
    count: { type: 'number' },
    limit: { type: 'number', default: 200 },
    host: { type: 'string', default: 'localhost' },
    file: { type: 'string', isMultiple: true },
  },
});

describe('flag types come from the spec', () => {
  it('types each flag by its FlagSpec, with no cast at the use', () => {
    type F = FlagsOf<typeof spec.flags>;
    expectTypeOf<F['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<F['on']>().toEqualTypeOf<boolean>();
    expectTypeOf<F['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<F['limit']>().toEqualTypeOf<number>();
    expectTypeOf<F['host']>().toEqualTypeOf<string>();
    expectTypeOf<F['file']>().toEqualTypeOf<string[]>();
    expectTypeOf<F['help']>().toEqualTypeOf<boolean>();
    const command = defineCommand(spec, async (io) => {
      expectTypeOf(io).toEqualTypeOf<Io<typeof spec.flags>>();
      return io.flags.limit + io.flags.file.length + (io.flags.count ?? 0);
    });
    expect(command.contract).toBe(spec);
  });

  it('gives at run time what the types say: defaults, false, [] and numbers', async () => {
    expect(noFlags(spec, ['x']).flags).toEqual({
      help: false,
      on: false,
      limit: 200,
      host: 'localhost',
      file: [],
    });
    const parsed = await parseFlags(spec, ['--count', '3', '--file', 'a', '--file', 'b'], []);
    expect(parsed.flags).toMatchObject({ count: 3, limit: 200, file: ['a', 'b'], on: false });
    expect((await parseFlags(spec, ['--limit', '7'], [])).flags.limit).toBe(7);
  });
});

describe('the registry reads each command from its own contract', () => {
  it('every entry loads the command made from that very contract', async () => {
    for (const e of registry) {
      const command = await e.load();
      expect(command.contract, e.contract.name).toBe(e.contract);
    }
  });

  it('names are unique and found by name; summaries are one line', () => {
    const names = registry.map((e) => e.contract.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of registry) {
      expect(findCommand(e.contract.name)).toBe(e);
      expect(e.contract.summary).not.toMatch(/\n/);
      expect(e.contract.usage.startsWith(e.contract.name)).toBe(true);
    }
  });

  it('contracts load nothing but the contract types and the engine vocabulary', () => {
    // What keeps `cc-agent --help` off the engine, SQLite and Ink.
    const dir = join(repoRoot, 'src', 'commands', 'contracts');
    const files = readdirSync(dir).map((f) => join(dir, f));
    for (const file of [...files, join(repoRoot, 'src', 'commands', 'registry.ts')]) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/^import (?!type ).*from '([^']+)'/gm)].map((m) => m[1]);
      for (const i of imports) {
        expect(i, file).toMatch(
          /^\.\.?\/(contract|contracts\/[a-z-]+|\.\.\/engine\/vocabulary)\.js$|^\.\/contracts\//,
        );
      }
    }
  });
});

describe('the built CLI shows each contract as declared', () => {
  it('cc-agent --help lists every command with exactly its summary; <cmd> --help its usage', () => {
    const home = mkdtempSync(join(tmpdir(), 'cc-contracts-'));
    try {
      const run = (args: string[]): string => {
        const r = spawnSync(process.execPath, [cliPath, ...args], {
          env: { ...process.env, CC_AGENT_HOME: join(home, 'state'), HOME: home },
          encoding: 'utf8',
        });
        expect(r.status, r.stderr).toBe(0);
        return r.stdout;
      };
      const rows = [...run(['--help']).matchAll(/^ {2}([a-z][a-z-]*) {2,}(\S.*)$/gm)];
      // Listed by group: compared as name → summary.
      expect(rows).toHaveLength(registry.length);
      expect(Object.fromEntries(rows.map((m) => [m[1], m[2]]))).toEqual(
        Object.fromEntries(registry.map((e) => [e.contract.name, e.contract.summary])),
      );
      for (const name of ['start', 'settings', 'jobs', 'dashboard-stop']) {
        const c = findCommand(name)?.contract;
        const help = run([name, '--help']);
        expect(help.startsWith(`Usage: cc-agent ${c?.usage}\n\n${c?.summary}\n`), help).toBe(true);
      }
      // Help never opened (or created) the store.
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
