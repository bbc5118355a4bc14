// The private PostgreSQL cluster lives with the scripts (the benchmarks start one too).
export { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.mjs';
