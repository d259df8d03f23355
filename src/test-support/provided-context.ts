/**
 * What the global setup tells test files about PostgreSQL: an admin URL for a server they may
 * create databases on, or why there is none (the PostgreSQL suites are then skipped, loudly).
 */
export type PgTestServer = { readonly url: string } | { readonly skipped: string };

declare module 'vitest' {
  export interface ProvidedContext {
    leadsiftPg: PgTestServer;
  }
}
