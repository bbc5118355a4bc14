/** See home-processes.mjs. Returns the pids it had to kill. */
export function waitForHomeProcesses(home: string, timeoutMs?: number): number[];
