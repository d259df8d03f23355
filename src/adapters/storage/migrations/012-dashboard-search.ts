import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The stored fact values the lead list's search reads (`v` in the stored facts document). */
const SEARCHED = [
  ['person', 'firstName'],
  ['person', 'lastName'],
  ['person', 'title'],
  ['company', 'name'],
] as const;

/** A row's searchable text on SQLite: name, email, title, company name and domain, space-separated. */
const sqliteText = (row: 'new' | 'leads'): string =>
  [
    ...SEARCHED.map(([group, field]) => `coalesce(json_extract(${row}.facts, '$.${group}.${field}.v'), '')`),
    `coalesce(${row}.email_normalized, '')`,
    `coalesce(${row}.company_domain, '')`,
  ].join(` || ' ' || `);

/**
 * The same text on PostgreSQL, as the expression its trigram index is built on: a query must
 * spell it exactly so (`leads.facts` is JSON text; `#>>` reads a path of it).
 */
export const postgresSearchText = (): RawBuilder<string> =>
  sql<string>`(${sql.raw(
    [
      ...SEARCHED.map(([group, field]) => `coalesce(leads.facts::jsonb #>> '{${group},${field},v}', '')`),
      `coalesce(leads.email_normalized, '')`,
      `coalesce(leads.company_domain, '')`,
    ].join(` || ' ' || `),
  )})`;

const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Milliseconds from arrival to a time column of a `touches` row (`new.` in a trigger), on SQLite. */
const msFrom = (row: string, to: string): string =>
  `case when ${row}.${to} is null then null else cast(round((julianday(${row}.${to}) - julianday(${row}.arrived_at)) * 86400000.0) as integer) end`;

/**
 * SQLite: each route's milliseconds from arrival to routing and to the first action, as integers
 * kept by triggers on `touches` and indexed, so that the metrics count them per value from the
 * indexes; computing `julianday` twice per route took 0.16–0.2 s a duration at 133,000 routes.
 */
const touchTimes = async (db: Kysely<any>): Promise<void> => {
  await sql`create table touch_times (
    touch_id text primary key,
    routed_ms integer,
    first_touch_ms integer)`.execute(db);
  await sql`create index touch_times_routed on touch_times (routed_ms)`.execute(db);
  await sql`create index touch_times_first_touch on touch_times (first_touch_ms)`.execute(db);
  const values = (row: string) =>
    sql.raw(`${row}.id, ${msFrom(row, 'routed_at')}, ${msFrom(row, 'first_action_at')}`);
  await sql`create trigger touches_times_ai after insert on touches begin
    insert into touch_times (touch_id, routed_ms, first_touch_ms) values (${values('new')});
  end`.execute(db);
  await sql`create trigger touches_times_au after update of arrived_at, routed_at, first_action_at on touches begin
    update touch_times set routed_ms = ${sql.raw(msFrom('new', 'routed_at'))},
      first_touch_ms = ${sql.raw(msFrom('new', 'first_action_at'))} where touch_id = new.id;
  end`.execute(db);
  await sql`create trigger touches_times_ad after delete on touches begin
    delete from touch_times where touch_id = old.id;
  end`.execute(db);
  await sql`insert into touch_times (touch_id, routed_ms, first_touch_ms) select ${values('touches')} from touches`.execute(
    db,
  );
};

/**
 * The lead list's text search and value orders without reading every lead.
 *
 * SQLite: `lead_search` keeps each lead's searchable text (kept by triggers on `leads`, so no
 * writer has to remember it) and `lead_search_fts`, an FTS5 index over it with the trigram
 * tokenizer — which answers substring queries of three or more characters from the index,
 * ignoring case. PostgreSQL: a pg_trgm GIN index on the same text (as an expression), which
 * serves `ILIKE '%…%'`; left out, with the search still working by a scan, where pg_trgm is not
 * installed. Both: indexes on (fit, lead id) and (intent, lead id) for those orders, and
 * (verdict, score, lead id) for score order within a verdict (it sorted every match); and for
 * the metrics, (day, verdict) of lead_latest, each route's durations (SQLite: `touch_times`, kept
 * by triggers; PostgreSQL: an index of the three times, whose arithmetic it does fast), so that
 * their grouped reads scan narrow indexes instead of the wide rows; leads by arrival, for
 * conversion within a period.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  for (const column of ['fit_score', 'intent_score']) {
    await db.schema
      .createIndex(`lead_latest_${column}`)
      .on('lead_latest')
      .columns([column, 'lead_id'])
      .execute();
  }
  await db.schema
    .createIndex('lead_latest_verdict_score')
    .on('lead_latest')
    .columns(['verdict', 'score', 'lead_id'])
    .execute();

  // Metrics: the verdict mix by day and the routes' times read from narrow indexes, not the rows.
  await sql`create index lead_latest_day on lead_latest (substr(decided_at, 1, 10), verdict)`.execute(db);
  await db.schema.createIndex('leads_created').on('leads').columns(['created_at', 'id']).execute();

  if (isPostgres(db)) {
    await db.schema
      .createIndex('touches_times')
      .on('touches')
      .columns(['arrived_at', 'routed_at', 'first_action_at'])
      .execute();
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index leads_search_trgm on leads using gin (${postgresSearchText()} gin_trgm_ops)`.execute(
      db,
    );
    return;
  }
  await sql`create table lead_search (
    id integer primary key,
    lead_id text not null unique,
    text text not null)`.execute(db);
  await sql`create virtual table lead_search_fts using fts5(
    text, content = 'lead_search', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1')`.execute(
    db,
  );
  // The external-content pattern from the FTS5 documentation: the index follows its table.
  await sql`create trigger lead_search_ai after insert on lead_search begin
    insert into lead_search_fts(rowid, text) values (new.id, new.text);
  end`.execute(db);
  await sql`create trigger lead_search_ad after delete on lead_search begin
    insert into lead_search_fts(lead_search_fts, rowid, text) values ('delete', old.id, old.text);
  end`.execute(db);
  await sql`create trigger lead_search_au after update on lead_search begin
    insert into lead_search_fts(lead_search_fts, rowid, text) values ('delete', old.id, old.text);
    insert into lead_search_fts(rowid, text) values (new.id, new.text);
  end`.execute(db);
  await sql`create trigger leads_search_ai after insert on leads begin
    insert into lead_search(lead_id, text) values (new.id, ${sql.raw(sqliteText('new'))});
  end`.execute(db);
  await sql`create trigger leads_search_au after update of facts, email_normalized, company_domain on leads begin
    update lead_search set text = ${sql.raw(sqliteText('new'))} where lead_id = new.id;
  end`.execute(db);
  await sql`create trigger leads_search_ad after delete on leads begin
    delete from lead_search where lead_id = old.id;
  end`.execute(db);
  await touchTimes(db);
  await sql`insert into lead_search(lead_id, text) select id, ${sql.raw(sqliteText('leads'))} from leads`.execute(
    db,
  );
};

export const down = async (db: Kysely<any>): Promise<void> => {
  for (const index of [
    'lead_latest_fit_score',
    'lead_latest_intent_score',
    'lead_latest_verdict_score',
    'lead_latest_day',
    'touches_times',
    'leads_created',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  if (isPostgres(db)) {
    await sql`drop index if exists leads_search_trgm`.execute(db);
    return;
  }
  for (const trigger of [
    'leads_search_ai',
    'leads_search_au',
    'leads_search_ad',
    'touches_times_ai',
    'touches_times_au',
    'touches_times_ad',
  ]) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table if exists touch_times`.execute(db);
  await sql`drop table if exists lead_search_fts`.execute(db);
  await sql`drop table if exists lead_search`.execute(db);
};
