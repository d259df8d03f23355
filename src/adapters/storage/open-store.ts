import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../../domain/app-error.js';
import { systemClock } from '../../domain/clock.js';
import type { Clock } from '../../domain/clock.js';
import type { ImportLog, LeadStore } from '../../domain/lead-store.js';
import type { ModelRegistry } from '../../domain/model-registry.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { PipelineTransaction } from '../../pipeline/pipeline-transaction.js';
import type { ServiceStore } from '../../service/service-store.js';
import type { Database } from './database.js';
import { parseDatabaseUrl } from './database-url.js';
import type { DatabaseTarget } from './database-url.js';
import { kyselyEnrichmentCache } from './kysely-enrichment-cache.js';
import { kyselyLlmCache } from './kysely-llm-cache.js';
import { kyselyConversationStore } from './kysely-conversation-store.js';
import { kyselyOutboundStore } from './kysely-outbound-store.js';
import type { OutboundStore } from '../../outbound/outbound-store.js';
import type { ConversationStore } from '../../conversation/conversation-store.js';
import type { LlmCache } from '../../llm/index.js';
import type { StoredEnrichmentCache } from './kysely-enrichment-cache.js';
import { createImportLog } from './kysely-import-log.js';
import { createJobQueue } from './kysely-job-queue.js';
import { createOccurrenceStore } from './kysely-occurrence-store.js';
import { createHygieneStore } from './kysely-hygiene-store.js';
import type { HygieneStore } from '../../hygiene/hygiene-store.js';
import type { OccurrenceStore } from '../../scheduler/occurrence-store.js';
import { createServiceStore } from './kysely-service-store.js';
import { createLeadStore } from './kysely-lead-store.js';
import { createModelRegistry } from './kysely-model-registry.js';
import { createLearningStore } from './kysely-learning-store.js';
import type { LearningStore } from '../../learning/learning-store.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { createIdGenerator } from './new-id.js';
import { cachePreparedStatements } from './statement-cache.js';
import type { RandomBytes } from './new-id.js';
import type { StoreDialect } from './store-context.js';
import { guard } from './storage-error.js';

/** Storage configuration, as parsed by the app's config schema. */
export interface StoreConfig {
  /** `postgres://…`, `sqlite:path`, a plain file path, or absent for `leadsift.db`. */
  readonly databaseUrl?: string;
}

/** What tests and reproducible runs inject: the clock and randomness ids and times come from. */
export interface StoreOptions {
  readonly clock?: Clock;
  readonly randomBytes?: RandomBytes;
}

/** An open database: the ports over it, its dialect, and raw Kysely access for later needs. */
export interface StoreHandle {
  readonly dialect: StoreDialect;
  readonly db: Kysely<Database>;
  readonly leads: LeadStore;
  readonly imports: ImportLog;
  /** Saved models and which one is active. */
  readonly models: ModelRegistry;
  /** Provider answers kept for reuse until they expire. */
  readonly enrichmentCache: StoredEnrichmentCache;
  /** Validated LLM answers kept for reuse (in the same table, under provider `llm`). */
  readonly llmCache: LlmCache;
  /** Conversations with prospects and their transcripts (migration 007). */
  readonly conversations: ConversationStore;
  /** Which occurrences of scheduled tasks were enqueued (migration 009). */
  readonly occurrences: OccurrenceStore;
  /** Re-evaluation's pages of decided leads, its batch writes, and stale flags (migration 009). */
  readonly hygiene: HygieneStore;
  /** Outbound campaigns, their contacts, messages, replies, suppression list and audit log (migration 011). */
  readonly outbound: OutboundStore;
  /** The pipeline's jobs; a job's completion commits with its effects. */
  readonly jobs: JobQueue<PipelineTransaction>;
  /** API keys, criteria versions, routes, reviews, idempotent intake. */
  readonly service: ServiceStore;
  /** Drift alerts, their webhooks, the promotion log, and period reads (migration 010). */
  readonly learning: LearningStore;
  /** Close the connection (pool); further calls fail. Safe to call twice. */
  close(): Promise<void>;
}

// How long SQLite blocks (synchronously) for another process's write lock before our own
// async retries take over; short, because it also blocks this process's event loop.
const SQLITE_BUSY_TIMEOUT_MS = 1000;

const openSqlite = (path: string): Kysely<Database> => {
  const database = new Sqlite(path);
  // WAL lets readers run beside the writer; NORMAL sync is durable across crashes of the
  // process (only an OS crash can lose the last commits); foreign keys are off by default.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // 64 MiB of page cache (the default is 2 MiB): random-key index inserts of big imports hit it.
  database.pragma('cache_size = -65536');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // 32 MiB of page cache (default 2 MiB) keeps a batch of thousands of leads from spilling.
  database.pragma('cache_size = -32768');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachePreparedStatements(database) }),
  });
};

const openPostgres = (connectionString: string): Kysely<Database> => {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A connection the server closes while it sits idle in the pool (a restart, an administrator,
  // a dropped database) is an 'error' event on the pool; unhandled, it would end the process.
  // The pool discards that connection and the next query opens another, or fails and says why.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
};

const describeTarget = (target: DatabaseTarget): string =>
  target.dialect === 'sqlite'
    ? `SQLite database ${target.path}`
    : `PostgreSQL database ${target.connectionString.replace(/:[^:@/]*@/, ':…@')}`;

/**
 * Open the configured database, bring its schema up to date, and return the stores over it.
 * Fails with STORAGE_FAILED (naming the database) when it cannot be opened or migrated.
 */
export const openStore = async (
  config: StoreConfig = {},
  options: StoreOptions = {},
): Promise<StoreHandle> => {
  const target = parseDatabaseUrl(config.databaseUrl);
  const db = await guard(`open the ${describeTarget(target)}`, () =>
    Promise.resolve(
      target.dialect === 'sqlite' ? openSqlite(target.path) : openPostgres(target.connectionString),
    ),
  );
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('STORAGE_FAILED', {
      message: `Could not prepare the ${describeTarget(target)}: ${reason}`,
      cause: error,
    });
  }
  let closed: Promise<void> | undefined;
  const clock = options.clock ?? systemClock;
  const enrichmentCache = kyselyEnrichmentCache(db, clock);
  // Buffered cache answers are written before the connection goes.
  const close = (): Promise<void> => (closed ??= enrichmentCache.flush().finally(() => db.destroy()));
  const ctx = { db, dialect: target.dialect, clock, newId: createIdGenerator(clock, options.randomBytes) };
  return Object.freeze({
    dialect: target.dialect,
    db,
    leads: createLeadStore(ctx, close),
    imports: createImportLog(ctx),
    models: createModelRegistry(ctx),
    enrichmentCache,
    llmCache: kyselyLlmCache(db, clock),
    conversations: kyselyConversationStore(db, target.dialect, clock, ctx.newId),
    occurrences: createOccurrenceStore(ctx),
    hygiene: createHygieneStore(ctx),
    outbound: kyselyOutboundStore(ctx),
    jobs: createJobQueue(ctx),
    service: createServiceStore(ctx),
    learning: createLearningStore(ctx),
    close,
  });
};
