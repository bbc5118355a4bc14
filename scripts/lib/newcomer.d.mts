/** See newcomer.mjs. */
import type { ChildProcess } from 'node:child_process';

export interface ReadmeCommands {
  first: string;
  install: string;
  demo: string;
  test: string;
}
export interface Clone {
  base: string;
  repo: string;
  socket: string;
  env: NodeJS.ProcessEnv & { CC_AGENT_HOME: string };
  terminal?: ChildProcess;
}
export function readmeCommands(readmeText: string): ReadmeCommands;
export function isFirstFrame(screen: string): boolean;
export function freshClone(source: string, name?: string, rev?: string): Clone;
export function runInstall(clone: Clone, command: string): number;
export function timeFirstFrame(
  clone: Clone,
  command: string,
  timeoutMs?: number,
): Promise<{ ms: number; screen: string; allMs: number }>;
export function demoRows(screen: string): number;
export function captureDemo(clone: Clone): string;
export function removeClone(clone: Clone): void;
export function resetClone(clone: Clone): void;
