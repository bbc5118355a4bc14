/** See sse-churn.mjs. */
export function quantile(xs: number[], p: number): number;

export interface ChurnResult {
  /** Each stream's HTTP status, or 'timeout' / 'error'. */
  statuses: (number | 'timeout' | 'error')[];
  /** `/api/jobs` latencies in ms, in order. */
  latencies: number[];
  median: number;
  p99: number;
  /** The churn gave up at its deadline. */
  timedOut: boolean;
}

export function sseChurn(
  origin: string,
  token: string,
  options?: {
    clients?: number;
    concurrency?: number;
    requestTimeoutMs?: number;
    deadlineMs?: number;
  },
): Promise<ChurnResult>;

export function rssOf(pid: number): Promise<{ rss: number; peak: number }>;
