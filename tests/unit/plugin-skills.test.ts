import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONE_MARKER } from '../../src/engine/state/activity.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pluginDir = join(root, 'plugins', 'cc-agent');
const skillsDir = join(pluginDir, 'skills');
const scanner = join(skillsDir, 'cartographer', 'scripts', 'scan.mjs');
const SKILLS = ['cartographer', 'cc-agent', 'cc-agent-update'];

type Json = Record<string, unknown>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const pkg = readJson(join(root, 'package.json'));
const skillText = (name: string): string => readFileSync(join(skillsDir, name, 'SKILL.md'), 'utf8');

/**
 * The YAML front matter of a SKILL.md, for the flat `key: value` lines skills use. A plain
 * (unquoted) value holding ": " or " #" is refused: real YAML rejects or truncates it, so a
 * description that reads fine here could load broken in Claude Code.
 */
function frontMatter(markdown: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!m) throw new Error('no front matter (the file must start with ---)');
  const out: Record<string, string> = {};
  for (const line of (m[1] ?? '').split('\n')) {
    if (line.trim() === '') continue;
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`front matter line is not "key: value": ${line}`);
    const [, key = '', raw = ''] = kv;
    let value = raw.trim();
    if (/^".*"$/.test(value)) value = JSON.parse(value) as string;
    else if (/^'.*'$/.test(value)) value = value.slice(1, -1).replace(/''/g, "'");
    else if (/: | #/.test(value)) throw new Error(`${key}: quote a value holding ": " or " #"`);
    out[key] = value;
  }
  return out;
}

/** What the real CLI says it has: its commands, each command's --help, the top-level flags. */
interface CliFacts {
  commands: ReadonlySet<string>;
  help(command: string): string;
  topLevelFlags: ReadonlySet<string>;
}

/** Fenced code blocks and inline code spans: the text a reader copies and runs. */
function codeSnippets(markdown: string): string[] {
  const out: string[] = [];
  const prose = markdown.replace(
    /^[ \t]*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm,
    (_all, _fence: string, body: string) => {
      out.push(body);
      return '';
    },
  );
  for (const m of prose.matchAll(/`([^`\n]+)`/g)) out.push(m[1] ?? '');
  return out;
}

/**
 * Quoted strings become "Q" (a prompt's words are not options) and shell comments go (an
 * apostrophe in a comment must not open a quote).
 */
function blankQuotes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c !== '"' && c !== "'") {
      out += c;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
    out += 'Q';
    i = j;
  }
  return out;
}

interface Invocation {
  text: string;
  /** '' for `cc-agent --version` and the like. */
  command: string;
  args: string[];
}

/**
 * Every `cc-agent …` in command position (start of a line or span, or after a shell operator),
 * so `npm install -g cc-agent@latest`, `[cc-agent:done]` or a session name `cc-agent-<id>` are
 * not taken for commands. `cc-agent <command>` (a placeholder) is skipped.
 */
function invocations(snippet: string): Invocation[] {
  const out: Invocation[] = [];
  const joined = blankQuotes(snippet.replace(/\\\n/g, ' '));
  for (const line of joined.split('\n')) {
    for (const part of line.split(/&&|\|\||[;|()]|\$\(/)) {
      const seg = part
        .trim()
        .replace(/^\$\s+/, '')
        .replace(/^(?:[A-Za-z_]\w*=\S*\s+)*/, '');
      const m = /^cc-agent(?:\s+(.*))?$/.exec(seg);
      if (!m) continue;
      const args = (m[1] ?? '').split(/\s+/).filter(Boolean);
      const first = args[0];
      if (first === undefined || /^[<[]/.test(first)) continue;
      const command = first.startsWith('-') ? '' : first;
      out.push({
        text: seg.replace(/\s+/g, ' '),
        command,
        args: command ? args.slice(1) : args,
      });
    }
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `flag` as an option in help text: "-m, --model <name>", "[--priority N]", "  --json". */
const helpHasFlag = (help: string, flag: string): boolean =>
  new RegExp(`(^|[\\s,[|])${escapeRe(flag)}(?=[\\s,=<[\\]|]|$)`, 'm').test(help);
const helpHasWord = (help: string, word: string): boolean =>
  new RegExp(`(^|[^\\w-])${escapeRe(word)}(?![\\w-])`, 'm').test(help);

/**
 * The drift check: every `cc-agent <command>` a skill shows must be a command of the real CLI,
 * a bare word after it (a subcommand: `queue add`, `mode activate`) must be in that command's
 * help, and every option must be in that command's --help. Returns one line per problem.
 */
function checkSkillText(markdown: string, facts: CliFacts): string[] {
  const problems: string[] = [];
  for (const snippet of codeSnippets(markdown)) {
    for (const inv of invocations(snippet)) {
      if (inv.command && !facts.commands.has(inv.command)) {
        problems.push(`\`${inv.text}\`: no command "${inv.command}" in cc-agent --help`);
        continue;
      }
      const help = inv.command ? facts.help(inv.command) : '';
      const sub = inv.args[0];
      if (inv.command && sub !== undefined && /^[a-z][a-z-]*$/.test(sub)) {
        if (!helpHasWord(help, sub)) {
          problems.push(`\`${inv.text}\`: "${sub}" is not in cc-agent ${inv.command} --help`);
        }
      }
      for (const arg of inv.args) {
        const flag = /^\[?(--?[A-Za-z][\w-]*)/.exec(arg)?.[1];
        if (flag === undefined) continue;
        const known = inv.command ? helpHasFlag(help, flag) : facts.topLevelFlags.has(flag);
        if (!known) {
          const where = inv.command ? `cc-agent ${inv.command} --help` : 'cc-agent';
          problems.push(`\`${inv.text}\`: no option ${flag} in ${where}`);
        }
      }
    }
  }
  return problems;
}

const commandsIn = (markdown: string): Set<string> =>
  new Set(
    codeSnippets(markdown)
      .flatMap(invocations)
      .map((i) => i.command)
      .filter(Boolean),
  );

describe('the cc-agent Claude Code plugin', () => {
  const temps: string[] = [];
  const tempDir = (prefix: string): string => {
    const d = mkdtempSync(join(tmpdir(), `cc-agent-plugin-${prefix}-`));
    temps.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  describe('manifests and skills', () => {
    const marketplace = readJson(join(root, '.claude-plugin', 'marketplace.json'));
    const plugin = readJson(join(pluginDir, '.claude-plugin', 'plugin.json'));

    it('marketplace.json lists the plugin at ./plugins/cc-agent, as package.json versions it', () => {
      expect(marketplace['name']).toBe('cc-agent');
      expect(marketplace['owner']).toMatchObject({ name: expect.any(String) });
      const entries = marketplace['plugins'] as Json[];
      expect(entries.map((p) => p['name'])).toEqual(['cc-agent']);
      const entry = entries[0] ?? {};
      expect(entry['source']).toBe('./plugins/cc-agent');
      expect(existsSync(join(root, String(entry['source']), '.claude-plugin', 'plugin.json'))).toBe(
        true,
      );
      expect(entry['version']).toBe(pkg['version']);
      expect(String(entry['description'])).not.toBe('');
      expect(String(entry['category'])).not.toBe('');
      expect((entry['keywords'] as string[]).length).toBeGreaterThan(0);
    });

    it('plugin.json agrees with the marketplace entry and package.json', () => {
      expect(plugin).toMatchObject({
        name: 'cc-agent',
        version: pkg['version'],
        license: pkg['license'],
        author: { name: expect.any(String) },
      });
      expect(String(plugin['description'])).not.toBe('');
      expect((plugin['keywords'] as string[]).length).toBeGreaterThan(0);
      expect(existsSync(join(pluginDir, 'README.md'))).toBe(true);
    });

    it('the npm package ships the marketplace and the plugin', () => {
      expect(pkg['files']).toEqual(expect.arrayContaining(['.claude-plugin', 'plugins']));
    });

    it('each skill has front matter naming its folder and saying when to use it', () => {
      const folders = readdirSync(skillsDir).filter((d) =>
        statSync(join(skillsDir, d)).isDirectory(),
      );
      expect(folders.sort()).toEqual(SKILLS);
      for (const name of folders) {
        const fm = frontMatter(skillText(name));
        expect(fm['name'], `${name}/SKILL.md name`).toBe(name);
        expect(fm['description'] ?? '', `${name}/SKILL.md description`).toMatch(/^Use when \S/);
      }
    });

    it('the front-matter reader refuses what YAML would misread', () => {
      expect(() => frontMatter('# no front matter\n')).toThrow(/no front matter/);
      expect(() => frontMatter('---\nname: x\ndescription: a: b\n---\n')).toThrow(/quote/);
      expect(frontMatter('---\nname: x\ndescription: "a: b"\n---\n')).toEqual({
        name: 'x',
        description: 'a: b',
      });
    });

    it('the cc-agent skill names the done marker exactly as the engine matches it', () => {
      const text = skillText('cc-agent');
      expect(text).toContain(`${DONE_MARKER} <one-line summary>`);
      // Sized to be read in full by the agent that loads it.
      expect(text.split(/\s+/).length).toBeLessThan(4000);
    });

    it('the cartographer skill runs the scanner that ships with it', () => {
      expect(skillText('cartographer')).toContain('${CLAUDE_SKILL_DIR}/scripts/scan.mjs');
      expect(existsSync(scanner)).toBe(true);
    });
  });

  describe('drift: skills name only commands and options the real CLI has', () => {
    let facts: CliFacts;
    beforeAll(() => {
      if (!existsSync(join(root, 'dist', 'cli.js'))) {
        throw new Error('dist/ is not built: run `npm run build` (npm test builds first)');
      }
      const env = { ...process.env, CC_AGENT_HOME: tempDir('home') };
      const run = (args: string[]): string => {
        const r = spawnSync(process.execPath, [join(root, 'bin', 'cc-agent.js'), ...args], {
          cwd: root,
          env,
          encoding: 'utf8',
          timeout: 30_000,
        });
        if (r.status !== 0) {
          throw new Error(`cc-agent ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
        }
        return r.stdout;
      };
      const main = run(['--help']);
      expect(run(['--version']).trim()).toBe(pkg['version']);
      const helps = new Map<string, string>();
      facts = {
        commands: new Set([...main.matchAll(/^ {2}([a-z][a-z-]*) {2,}\S/gm)].map((m) => m[1]!)),
        help(command) {
          let text = helps.get(command);
          if (text === undefined) {
            text = run([command, '--help']);
            helps.set(command, text);
          }
          return text;
        },
        topLevelFlags: new Set(['--help', '--version']),
      };
      expect(facts.commands).toContain('start');
    });

    it.each(SKILLS)('%s/SKILL.md', (name) => {
      const text = skillText(name);
      expect(checkSkillText(text, facts)).toEqual([]);
    });

    it('the skills cover every command the orchestrating skill must teach', () => {
      const named = commandsIn(skillText('cc-agent'));
      for (const c of [
        'start',
        'jobs',
        'status',
        'capture',
        'events',
        'send',
        'answer',
        'clear',
        'reuse',
        'diff',
        'merge',
        'resume',
        'queue',
        'trigger',
        'approvals',
        'mode',
        'pulse',
        'orchestrator',
      ]) {
        expect(named, `cc-agent/SKILL.md mentions cc-agent ${c}`).toContain(c);
      }
      expect(commandsIn(skillText('cartographer'))).toContain('start');
      const update = commandsIn(skillText('cc-agent-update'));
      for (const c of ['health', 'setup-hooks', 'resume']) expect(update).toContain(c);
    });

    it('reports a command, subcommand or option the CLI does not have', () => {
      const synthetic = [
        '---',
        'name: bogus',
        'description: Use when testing.',
        '---',
        'Run `cc-agent frobnicate --now` first.',
        '',
        '```sh',
        'cc-agent jobs --jsonn',
        'cc-agent queue vanish <id>',
        'cc-agent start "fix it --not-a-flag" -s read-only --no-such-flag \\',
        '  -m opus',
        'cc-agent --versions',
        '```',
      ].join('\n');
      expect(checkSkillText(synthetic, facts)).toEqual([
        '`cc-agent jobs --jsonn`: no option --jsonn in cc-agent jobs --help',
        '`cc-agent queue vanish <id>`: "vanish" is not in cc-agent queue --help',
        '`cc-agent start Q -s read-only --no-such-flag -m opus`: no option --no-such-flag in cc-agent start --help',
        '`cc-agent --versions`: no option --versions in cc-agent',
        // Inline code comes after the code blocks.
        '`cc-agent frobnicate --now`: no command "frobnicate" in cc-agent --help',
      ]);
    });

    it('does not take other uses of the name for commands', () => {
      const prose = [
        '```sh',
        'npm install -g cc-agent@latest && cc-agent --version',
        'cc-agent jobs --json | jq -r ".[].id"   # jq has its own -r',
        'CC_AGENT_HOME=/tmp/x cc-agent status <id> --json',
        'tmux attach -t cc-agent-a1b2c3d4',
        '```',
        'End with `[cc-agent:done] summary`; see `cc-agent <command> --help`,',
        '`/plugin install cc-agent@cc-agent` and `npm update -g cc-agent`.',
      ].join('\n');
      expect(checkSkillText(prose, facts)).toEqual([]);
      expect([...commandsIn(prose)].sort()).toEqual(['jobs', 'status']);
    });
  });

  describe('the cartographer scanner (scan.mjs)', () => {
    interface ScanFile {
      path: string;
      bytes: number;
      tokens: number;
    }
    interface Scan {
      source: string;
      totals: { files: number; bytes: number; tokens: number };
      skipped: { binary: string[] };
      directories: { path: string; files: number; tokens: number }[];
      files: ScanFile[];
      groups?: { tokens: number; fileCount: number; areas: string[]; files: string[] }[];
    }
    const scan = (cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
      const r = spawnSync(process.execPath, [scanner, ...args], {
        cwd,
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const write = (dir: string, path: string, content: string | Buffer): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    };
    const git = (cwd: string, args: string[]): void => {
      const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
      expect(r.status, `git ${args.join(' ')}: ${r.stderr}`).toBe(0);
    };

    let repo: string;
    beforeAll(() => {
      repo = tempDir('repo');
      git(repo, ['init', '-q']);
      write(repo, '.gitignore', 'secret/\n');
      write(repo, 'secret/key.txt', 'do not map me\n');
      write(repo, 'assets/logo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x41]));
      write(repo, 'README.md', 'r'.repeat(1000));
      write(repo, 'src/a.ts', 'a'.repeat(2000));
      write(repo, 'src/lib/b.ts', 'b'.repeat(1999));
      write(repo, 'docs/guide.md', 'd'.repeat(2000));
      git(repo, ['add', '-A']);
      git(repo, [
        '-c',
        'user.name=cc-agent tests',
        '-c',
        'user.email=tests@cc-agent.invalid',
        '-c',
        'commit.gpgsign=false',
        'commit',
        '-q',
        '-m',
        'initial',
      ]);
      // Not committed and not ignored: git would track it, so it is part of the map.
      write(repo, 'notes.txt', 'n'.repeat(1000));
    });

    it('lists what git tracks or would track, without ignored or binary files', () => {
      const r = JSON.parse(scan(repo, ['--json', '--groups', '2'])) as Scan;
      expect(r.source).toBe('git');
      expect(r.files.map((f) => f.path)).toEqual([
        '.gitignore',
        'README.md',
        'docs/guide.md',
        'notes.txt',
        'src/a.ts',
        'src/lib/b.ts',
      ]);
      expect(r.skipped.binary).toEqual(['assets/logo.bin']);
      for (const f of r.files) {
        expect(f.bytes).toBe(statSync(join(repo, f.path)).size);
        expect(f.tokens).toBe(Math.ceil(f.bytes / 4));
      }
      const sum = r.files.reduce((s, f) => s + f.tokens, 0);
      expect(r.totals).toEqual({
        files: 6,
        bytes: r.files.reduce((s, f) => s + f.bytes, 0),
        tokens: sum,
      });
      const dir = (p: string) => r.directories.find((d) => d.path === p);
      expect(dir('.')?.tokens).toBe(sum);
      expect(dir('src')).toMatchObject({ files: 2, tokens: 500 + 500 });
      expect(dir('src/lib')).toMatchObject({ files: 1, tokens: 500 });
      expect(dir('secret')).toBeUndefined();
      expect(dir('assets')).toBeUndefined();
    });

    it('--groups N splits the files into N balanced groups, each file in exactly one', () => {
      const r = JSON.parse(scan(repo, ['--json', '--groups', '2'])) as Scan;
      const groups = r.groups ?? [];
      expect(groups).toHaveLength(2);
      const covered = groups.flatMap((g) => g.files).sort();
      expect(covered).toEqual(r.files.map((f) => f.path).sort());
      expect(new Set(covered).size).toBe(covered.length);
      const tokensOf = new Map(r.files.map((f) => [f.path, f.tokens]));
      for (const g of groups) {
        expect(g.tokens).toBe(g.files.reduce((s, p) => s + (tokensOf.get(p) ?? NaN), 0));
        expect(g.fileCount).toBe(g.files.length);
      }
      // src/ (1000 tokens) fits one half of 2002, so it stays whole; the rest makes the other.
      expect(groups.map((g) => [g.tokens, g.areas])).toEqual([
        [1002, ['*', 'docs/']],
        [1000, ['src/']],
      ]);
      // A share (500) smaller than src/ opens it into its own files and its subdirectories, and
      // the top-level files, together above a share, become one area each.
      const four = JSON.parse(scan(repo, ['--json', '--groups', '4'])).groups as Scan['groups'];
      expect(four?.flatMap((g) => g.areas).sort()).toEqual([
        '.gitignore',
        'README.md',
        'docs/',
        'notes.txt',
        'src/*',
        'src/lib/',
      ]);
    });

    it('prints a table by default and refuses bad options', () => {
      const table = scan(repo, ['--groups', '2']);
      expect(table).toMatch(/6 text files, .*~2,002 tokens; 1 binary skipped/);
      expect(table).toMatch(/^ {2}lib\/\s+1\s+500$/m);
      expect(table).toContain('GROUPS (2)');
      const bad = spawnSync(process.execPath, [scanner, '--groups', 'many'], {
        cwd: repo,
        encoding: 'utf8',
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--groups needs a whole number');
    });

    it('outside git, walks the folder and skips node_modules and .git', () => {
      const plain = tempDir('plain');
      write(plain, 'index.js', 'x'.repeat(40));
      write(plain, 'node_modules/dep/index.js', 'y'.repeat(400));
      write(plain, '.git/info/exclude', 'nothing\n');
      write(plain, 'img.bin', Buffer.from([1, 0, 2]));
      // Keep git from finding a repository above the temp folder.
      const env = { ...process.env, GIT_CEILING_DIRECTORIES: dirname(plain) };
      const r = JSON.parse(scan(plain, ['--json'], env)) as Scan;
      expect(r.source).toBe('walk');
      expect(r.files.map((f) => f.path)).toEqual(['index.js']);
      expect(r.skipped.binary).toEqual(['img.bin']);
      expect(r.totals.tokens).toBe(10);
      expect(r.groups).toBeUndefined();
    });
  });
});
