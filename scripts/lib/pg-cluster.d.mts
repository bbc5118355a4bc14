/** See pg-cluster.mjs. */
export interface PgCluster {
  /** postgres://cc@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  /** Stop the server, keeping its data (an outage); `up()` starts it again on the same port. */
  down(): void;
  up(): void;
  /** Run psql against it; stdout, trimmed. Throws with psql's stderr. */
  psql(sql: string): string;
  stop(): void;
}

export function startPgCluster(name: string): Promise<PgCluster>;
