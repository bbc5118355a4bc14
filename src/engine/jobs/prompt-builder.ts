import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { badInput, refused } from '../errors.js';

export const MAP_FILE = join('docs', 'CODEBASE_MAP.md');
/** Big enough for any sane context; stops an accidental `-f '**'` from swallowing a repo. */
export const MAX_PROMPT_BYTES = 2 * 1024 * 1024;

export interface PromptParts {
  prompt: string;
  dir: string;
  files?: readonly string[];
  map?: boolean;
}

/** Which of these files (relative to dir) .gitignore rules exclude. */
export type IgnoredBy = (dir: string, files: readonly string[]) => Promise<Set<string>>;

export interface BuiltPrompt {
  text: string;
  files: string[];
}

/** The task prompt with the codebase map (--map) and matched files (--file) injected. */
export async function buildPrompt(parts: PromptParts, ignoredBy: IgnoredBy): Promise<BuiltPrompt> {
  const sections: string[] = [];
  if (parts.map) {
    const mapPath = join(parts.dir, MAP_FILE);
    if (!existsSync(mapPath)) {
      throw refused(
        `--map: ${mapPath} does not exist; create it with /cc-agent:cartographer in Claude Code (the cc-agent plugin, see the README), or drop --map`,
      );
    }
    sections.push(
      `<codebase_map path="${MAP_FILE}">\n${readFileSync(mapPath, 'utf8')}\n</codebase_map>`,
    );
  }
  const files = await matchFiles(parts.dir, parts.files ?? [], ignoredBy);
  sections.push(parts.prompt);
  for (const file of files) {
    sections.push(`<file path="${file}">\n${readFileSync(join(parts.dir, file), 'utf8')}\n</file>`);
  }
  const text = sections.join('\n\n');
  if (Buffer.byteLength(text) > MAX_PROMPT_BYTES) {
    throw badInput(
      `prompt with its files is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_PROMPT_BYTES}`,
    );
  }
  return { text, files };
}

/** Loaded on first use: most commands never glob, and every CLI call pays for what it loads. */
let globber: typeof import('tinyglobby') | undefined;
const glob = (): typeof import('tinyglobby') =>
  (globber ??= createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby'));

/**
 * Every file the patterns match under `dir`, in pattern order, without duplicates: files git
 * ignores are skipped (a pattern that matches only ignored files is an error that says so),
 * binary files are refused.
 */
async function matchFiles(
  dir: string,
  patterns: readonly string[],
  ignoredBy: IgnoredBy,
): Promise<string[]> {
  const { globSync } = glob();
  const out = new Set<string>();
  for (const pattern of patterns) {
    const matches = globSync(pattern, {
      cwd: dir,
      onlyFiles: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
      expandDirectories: false,
    })
      .map((m) => relative(dir, join(dir, m)))
      .sort();
    if (matches.length === 0) throw refused(`--file '${pattern}' matched no files in ${dir}`);
    const ignored = await ignoredBy(dir, matches);
    const kept = matches.filter((m) => !ignored.has(m));
    if (kept.length === 0) {
      throw refused(
        `--file '${pattern}' matched only files .gitignore excludes (${[...ignored].slice(0, 3).join(', ')}${ignored.size > 3 ? ', …' : ''})`,
      );
    }
    for (const rel of kept) {
      if (isBinary(join(dir, rel))) {
        throw refused(`--file: refusing binary file ${rel} (only text files can go into a prompt)`);
      }
      out.add(rel);
    }
  }
  return [...out];
}

/** A NUL byte in the first 8 KB is how git and grep tell binary from text. */
function isBinary(file: string): boolean {
  if (statSync(file).size === 0) return false;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}
