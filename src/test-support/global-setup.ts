import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { PgTestServer } from './provided-context.js';
import { findPostgresBin, startTemporaryPostgres } from './temporary-postgres.js';
import type { TemporaryPostgres } from './temporary-postgres.js';

/** The server these machines run (STACK.md): trust auth for `postgres` on 127.0.0.1:5432. */
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const HOW_TO_ENABLE = [
  'To run them: start a server (pg_ctlcluster --skip-systemctl-redirect 15 main start), or set',
  'LEADSIFT_TEST_PG_URL=postgres://user@host:port/db (a role that may CREATE DATABASE), or install',
  'PostgreSQL so a temporary cluster can be started. Set LEADSIFT_REQUIRE_PG=1 to fail instead of skipping.',
].join('\n  ');

/** Why `url` cannot host test databases, or undefined when it can. */
const probe = async (url: string): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>(
      'select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user',
    );
    return rows[0]?.ok === true ? undefined : `the role in ${url} may not CREATE DATABASE`;
  } catch (error) {
    return `${url} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Find or start a PostgreSQL server; the temporary cluster, if one was started, comes back too. */
const findServer = async (): Promise<{ server: PgTestServer; temporary?: TemporaryPostgres }> => {
  const env = process.env;
  const explicit = env['LEADSIFT_TEST_PG_URL'];
  if (explicit !== undefined && explicit !== '') {
    const problem = await probe(explicit);
    // An explicit URL that does not work is a mistake to report, not a reason to skip.
    if (problem !== undefined) throw new Error(`LEADSIFT_TEST_PG_URL: ${problem}`);
    return { server: { url: explicit } };
  }
  if (env['LEADSIFT_TEST_PG'] === 'off') return { server: { skipped: 'LEADSIFT_TEST_PG=off' } };
  const reasons: string[] = [];
  if (env['LEADSIFT_TEST_PG'] !== 'temp') {
    const problem = await probe(DEFAULT_URL);
    if (problem === undefined) return { server: { url: DEFAULT_URL } };
    reasons.push(problem);
  }
  const bin = findPostgresBin();
  if (bin === undefined) {
    reasons.push('no PostgreSQL binaries in /usr/lib/postgresql/*/bin to start a temporary cluster');
    return { server: { skipped: reasons.join('; ') } };
  }
  try {
    const temporary = await startTemporaryPostgres(bin);
    console.info(`[leadsift] started a temporary PostgreSQL for this run at ${temporary.url}`);
    return { server: { url: temporary.url }, temporary };
  } catch (error) {
    reasons.push(error instanceof Error ? error.message : String(error));
    return { server: { skipped: reasons.join('; ') } };
  }
};

/**
 * Vitest global setup: provide the PostgreSQL admin URL the store suites create their databases
 * on (`inject('leadsiftPg')`), starting a temporary cluster when no server is running, and say
 * loudly when there is none. Env: LEADSIFT_TEST_PG_URL, LEADSIFT_TEST_PG=temp|off,
 * LEADSIFT_REQUIRE_PG=1.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const { server, temporary } = await findServer();
  if ('skipped' in server) {
    const message = `PostgreSQL store tests are SKIPPED: ${server.skipped}.\n  ${HOW_TO_ENABLE}`;
    if (process.env['LEADSIFT_REQUIRE_PG'] === '1') {
      throw new Error(`LEADSIFT_REQUIRE_PG=1 but no PostgreSQL server can be had: ${server.skipped}`);
    }
    console.warn(`\n${'!'.repeat(100)}\n[leadsift] ${message}\n${'!'.repeat(100)}\n`);
  }
  project.provide('leadsiftPg', server);
  return () => temporary?.stop();
}
