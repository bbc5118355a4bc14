import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { badInput } from '../errors.js';

export const MAP_FILE = join('docs', 'CODEBASE_MAP.md');
/** Big enough for any sane context; stops an accidental `-f '**'` from swallowing a repo. */
export const MAX_PROMPT_BYTES = 2 * 1024 * 1024;

export interface PromptParts {
  prompt: string;
  dir: string;
  files?: readonly string[];
  map?: boolean;
}

export interface BuiltPrompt {
  text: string;
  files: string[];
}

/** The task prompt with the codebase map (--map) and matched files (--file) injected. */
export function buildPrompt(parts: PromptParts): BuiltPrompt {
  const sections: string[] = [];
  if (parts.map) {
    const mapPath = join(parts.dir, MAP_FILE);
    if (!existsSync(mapPath)) {
      throw badInput(
        `--map: ${mapPath} does not exist; create it with the cartographer skill, or drop --map`,
      );
    }
    sections.push(
      `<codebase_map path="${MAP_FILE}">\n${readFileSync(mapPath, 'utf8')}\n</codebase_map>`,
    );
  }
  const files = matchFiles(parts.dir, parts.files ?? []);
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

function matchFiles(dir: string, patterns: readonly string[]): string[] {
  const { globSync } = glob();
  const out = new Set<string>();
  for (const pattern of patterns) {
    const matches = globSync(pattern, {
      cwd: dir,
      onlyFiles: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
      expandDirectories: false,
    }).sort();
    if (matches.length === 0) throw badInput(`--file '${pattern}' matched no files in ${dir}`);
    for (const m of matches) {
      const rel = relative(dir, join(dir, m));
      if (isBinary(join(dir, rel))) throw badInput(`--file: refusing binary file ${rel}`);
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
