import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Database } from './database.js';
import * as initial from './migrations/001-initial.js';
import * as models from './migrations/002-models.js';
import * as enrichmentCache from './migrations/003-enrichment-cache.js';
import * as service from './migrations/004-service.js';
import * as dashboard from './migrations/006-dashboard.js';
import * as conversations from './migrations/007-conversations.js';
import * as channels from './migrations/008-channels.js';
import * as hygiene from './migrations/009-hygiene.js';
import * as learning from './migrations/010-learning.js';
import * as outbound from './migrations/011-outbound.js';
import * as dashboardSearch from './migrations/012-dashboard-search.js';
import * as auditSample from './migrations/013-audit-sample.js';
import * as outboundLlm from './migrations/014-outbound-llm.js';
import * as outboundSms from './migrations/015-outbound-sms.js';
import * as bookedSlots from './migrations/016-booked-slots.js';
import * as metricsDays from './migrations/017-metrics-days.js';

/**
 * Every migration, by name. A static list rather than a folder scan, so that the set is fixed at
 * build time and works from `dist/` and from sources alike. Names sort in the order they run.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '001-initial': initial,
  '002-models': models,
  '003-enrichment-cache': enrichmentCache,
  '004-service': service,
  '006-dashboard': dashboard,
  '007-conversations': conversations,
  '008-channels': channels,
  '009-hygiene': hygiene,
  '010-learning': learning,
  '011-outbound': outbound,
  '012-dashboard-search': dashboardSearch,
  '013-audit-sample': auditSample,
  '014-outbound-llm': outboundLlm,
  '015-outbound-sms': outboundSms,
  '016-booked-slots': bookedSlots,
  '017-metrics-days': metricsDays,
});

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/**
 * Bring the schema up to date; returns the names of the migrations it applied (none when the
 * database was current). Kysely's lock table makes concurrent starts safe.
 */
export const migrateToLatest = async (db: Kysely<Database>): Promise<string[]> => {
  // Migrations are written on separate branches of work and touch separate tables, so one may be
  // added below a number a database already ran (005 after 006): it then simply runs.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'before any migration ran';
    throw new AppError('STORAGE_FAILED', {
      message: `Database migration failed (${failed}): ${String((error as Error).message ?? error)}. Nothing after it was applied; fix the cause and start again.`,
      cause: error,
      details: { migration: failed },
    });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
};
