#!/usr/bin/env node
// Sizes up a codebase for the cartographer skill: which text files there are, how many tokens
// each costs to read, and how to split them into balanced areas for parallel read-only workers.
// Plain Node >= 20, no dependencies: it runs from the plugin folder on any machine.
import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const USAGE = `Usage: node scan.mjs [dir] [--json] [--groups N] [--depth N]

Lists the text files of a codebase (the files git tracks or would track, so .gitignore is
respected; outside git, every file but node_modules/ and .git/), skipping binary files, with
estimated tokens (bytes / 4) per file and per directory.

  --json       print everything as JSON (files, directories, groups)
  --groups N   propose N balanced groups of areas, one per worker
  --depth N    directory levels shown in the table (default 3)`;

/** Bytes read to decide whether a file is binary, as git does. */
const SNIFF_BYTES = 8192;
/** Directories a walk outside git never enters: dependencies and git's own store. */
const WALK_SKIP = new Set(['node_modules', '.git']);

function fail(message) {
  process.stderr.write(`scan.mjs: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { dir: '.', json: false, groups: 0, depth: 3 };
  const count = (flag, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) fail(`${flag} needs a whole number >= 1, got ${value}`);
    return n;
  };
  let dirSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === '--json') opts.json = true;
    else if (a === '--groups') opts.groups = count(a, argv[++i]);
    else if (a.startsWith('--groups=')) opts.groups = count('--groups', a.slice(9));
    else if (a === '--depth') opts.depth = count(a, argv[++i]);
    else if (a.startsWith('--depth=')) opts.depth = count('--depth', a.slice(8));
    else if (a.startsWith('-')) fail(`unknown option ${a}\n${USAGE}`);
    else if (dirSeen) fail(`one directory only\n${USAGE}`);
    else {
      opts.dir = a;
      dirSeen = true;
    }
  }
  return opts;
}

/** Paths relative to root, '/'-separated, or undefined when root is not inside a git work tree. */
function gitFiles(root) {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) return undefined;
  // A file deleted but not yet staged is still listed; lstat drops it later.
  return [...new Set(r.stdout.split('\0').filter(Boolean))];
}

function walkFiles(root) {
  const out = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!WALK_SKIP.has(entry.name)) visit(join(dir, entry.name));
      } else if (entry.isFile()) {
        out.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
      }
    }
  };
  visit(root);
  return out;
}

function isBinary(path) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

const tokensOf = (bytes) => Math.ceil(bytes / 4);

function scanFiles(root, paths) {
  const files = [];
  const binary = [];
  const unreadable = [];
  for (const path of paths) {
    const abs = join(root, path);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      continue;
    }
    // Symlinks and submodules (listed as directories) are not text to read.
    if (!st.isFile()) continue;
    try {
      if (isBinary(abs)) {
        binary.push(path);
        continue;
      }
    } catch {
      unreadable.push(path);
      continue;
    }
    files.push({ path, bytes: st.size, tokens: tokensOf(st.size) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, binary: binary.sort(), unreadable: unreadable.sort() };
}

const parentOf = (path) => {
  const at = path.lastIndexOf('/');
  return at < 0 ? '.' : path.slice(0, at);
};

/** Every directory with the totals of everything below it; '.' is the whole scan. */
function directoryTotals(files) {
  const dirs = new Map();
  for (const f of files) {
    let dir = parentOf(f.path);
    for (;;) {
      const d = dirs.get(dir) ?? { path: dir, files: 0, bytes: 0, tokens: 0 };
      d.files += 1;
      d.bytes += f.bytes;
      d.tokens += f.tokens;
      dirs.set(dir, d);
      if (dir === '.') break;
      dir = parentOf(dir);
    }
  }
  return [...dirs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Areas for workers: whole directories where they fit, so each worker reads related code.
 * A directory larger than one group's share is opened up into its subdirectories plus one area
 * for the files directly inside it (`dir/*`, or each of those files when they alone are too
 * large). Areas are then dealt largest first to the lightest group, which keeps the groups
 * within one area of each other.
 */
function proposeGroups(files, n) {
  const sum = (list) => list.reduce((s, f) => s + f.tokens, 0);
  const share = sum(files) / n;
  const areasOf = (dir, inside) => {
    const direct = [];
    const subdirs = new Map();
    for (const f of inside) {
      const rest = dir === '.' ? f.path : f.path.slice(dir.length + 1);
      const at = rest.indexOf('/');
      if (at < 0) {
        direct.push(f);
        continue;
      }
      const sub = dir === '.' ? rest.slice(0, at) : `${dir}/${rest.slice(0, at)}`;
      const list = subdirs.get(sub) ?? [];
      list.push(f);
      subdirs.set(sub, list);
    }
    const areas = [];
    if (direct.length > 1 && sum(direct) > share) {
      for (const f of direct) areas.push({ area: f.path, files: [f] });
    } else if (direct.length > 0) {
      areas.push({ area: dir === '.' ? '*' : `${dir}/*`, files: direct });
    }
    for (const [sub, list] of subdirs) {
      if (list.length > 1 && sum(list) > share) areas.push(...areasOf(sub, list));
      else areas.push({ area: `${sub}/`, files: list });
    }
    return areas;
  };
  const areas = areasOf('.', files).map((a) => ({ ...a, tokens: sum(a.files) }));
  areas.sort((a, b) => b.tokens - a.tokens || (a.area < b.area ? -1 : 1));
  const groups = Array.from({ length: n }, () => ({ tokens: 0, areas: [], files: [] }));
  for (const a of areas) {
    const lightest = groups.reduce((min, g) => (g.tokens < min.tokens ? g : min));
    lightest.tokens += a.tokens;
    lightest.areas.push(a.area);
    lightest.files.push(...a.files.map((f) => f.path));
  }
  return groups
    .filter((g) => g.files.length > 0)
    .sort((a, b) => b.tokens - a.tokens)
    .map((g, i) => ({
      group: i + 1,
      tokens: g.tokens,
      fileCount: g.files.length,
      areas: g.areas.sort(),
      files: g.files.sort(),
    }));
}

const fmt = (n) => n.toLocaleString('en-US');

function printTable(report, depth) {
  const lines = [];
  const t = report.totals;
  lines.push(
    `${report.root} (${report.source}): ${fmt(t.files)} text files, ${fmt(t.bytes)} bytes, ~${fmt(t.tokens)} tokens` +
      (report.skipped.binary.length ? `; ${report.skipped.binary.length} binary skipped` : ''),
  );
  lines.push('', 'DIRECTORY'.padEnd(48) + 'FILES'.padStart(7) + 'TOKENS'.padStart(12));
  for (const d of report.directories) {
    const level = d.path === '.' ? 0 : d.path.split('/').length;
    if (level > depth) continue;
    const name = d.path === '.' ? './' : `${'  '.repeat(level - 1)}${d.path.split('/').at(-1)}/`;
    lines.push(name.padEnd(48) + fmt(d.files).padStart(7) + fmt(d.tokens).padStart(12));
  }
  const largest = [...report.files].sort((a, b) => b.tokens - a.tokens).slice(0, 15);
  lines.push('', 'LARGEST FILES'.padEnd(55) + 'TOKENS'.padStart(12));
  for (const f of largest) lines.push(f.path.padEnd(55) + fmt(f.tokens).padStart(12));
  if (report.groups) {
    lines.push('', `GROUPS (${report.groups.length})`);
    for (const g of report.groups) {
      lines.push(
        `  ${g.group}. ~${fmt(g.tokens)} tokens, ${g.fileCount} files: ${g.areas.join(' ')}`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = resolve(opts.dir);
  let st;
  try {
    st = lstatSync(root);
  } catch {
    fail(`${root} does not exist`);
  }
  if (!st.isDirectory()) fail(`${root} is not a directory`);
  const listed = gitFiles(root);
  const source = listed ? 'git' : 'walk';
  const { files, binary, unreadable } = scanFiles(root, listed ?? walkFiles(root));
  const directories = directoryTotals(files);
  const totals = directories.find((d) => d.path === '.') ?? { files: 0, bytes: 0, tokens: 0 };
  const report = {
    root,
    source,
    totals: { files: totals.files, bytes: totals.bytes, tokens: totals.tokens },
    skipped: { binary, unreadable },
    directories,
    files,
    ...(opts.groups > 0 ? { groups: proposeGroups(files, opts.groups) } : {}),
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printTable(report, opts.depth);
}

main();
