import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private cluster the store-on-PostgreSQL project runs its repository tests against. */
    pgUrl: string;
  }
}

/** One private PostgreSQL cluster for the whole `store-pg` project (each store gets a database). */
export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await startPgCluster('store-suite');
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
