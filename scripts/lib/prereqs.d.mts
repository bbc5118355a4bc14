/** See prereqs.mjs. */
export interface Tool {
  names: string[];
  pkg: string;
  /** Folders to look in besides PATH (PostgreSQL's versioned bin). */
  dirs?: (path: string) => string[];
}
export const TOOLS: Tool[];
export const BUILD_TOOLS: Tool[];
export const MIN_NODE_MAJOR: number;
export function findOnPath(names: readonly string[], path?: string): string | undefined;
export function chromiumPath(path?: string): string | undefined;
export function missingTools(list: readonly Tool[], path?: string): Tool[];
export function pgBinDirs(path?: string): string[];
export function pgBinDir(path?: string): string | undefined;
