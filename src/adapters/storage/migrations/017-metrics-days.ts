import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const OPPORTUNITY = `('opportunity_created', 'won')`;
/** A lead's group in the period comparison, from its newest verdict (null: never decided). */
const group = (verdict: string) =>
  `case when ${verdict} is null then 'undecided' when ${verdict} = 'qualified' then 'qualified' else 'rest' end`;

/** SQLite: add to a day's counters (`select` yields the day, group, leads and opportunities). */
const bump = (select: string) => `
  insert into metrics_days (day, grp, slot, leads, opportunities) ${select}
  on conflict (day, grp, slot) do update set
    leads = metrics_days.leads + excluded.leads,
    opportunities = metrics_days.opportunities + excluded.opportunities;`;

/** SQLite: move a lead between groups, with its opportunity if it has one. */
const move = (leadId: string, from: string, to: string) => {
  const opportunity = `(exists (select 1 from outcomes o where o.lead_id = ${leadId} and o.type in ${OPPORTUNITY}))`;
  return [
    bump(
      `select substr(l.created_at, 1, 10), ${from}, 0, -1, -${opportunity} from leads l where l.id = ${leadId}`,
    ),
    bump(
      `select substr(l.created_at, 1, 10), ${to}, 0, 1, ${opportunity} from leads l where l.id = ${leadId}`,
    ),
  ].join('\n');
};

const SQLITE_TRIGGERS = [
  `create trigger metrics_days_lead after insert on leads begin
    ${bump(`select substr(new.created_at, 1, 10), 'undecided', 0, 1, 0 where true`)}
  end`,
  `create trigger metrics_days_decided after insert on lead_latest begin
    ${move('new.lead_id', `'undecided'`, group('new.verdict'))}
  end`,
  `create trigger metrics_days_redecided after update of verdict on lead_latest
   when ${group('old.verdict')} <> ${group('new.verdict')} begin
    ${move('new.lead_id', group('old.verdict'), group('new.verdict'))}
  end`,
  // Row triggers run as each row is inserted, so a batch's second opportunity sees its first.
  `create trigger metrics_days_opportunity after insert on outcomes
   when new.type in ${OPPORTUNITY} and not exists (
     select 1 from outcomes o where o.lead_id = new.lead_id and o.type in ${OPPORTUNITY} and o.id <> new.id)
   begin
    ${bump(`select substr(l.created_at, 1, 10), ${group('ll.verdict')}, 0, 0, 1
      from leads l left join lead_latest ll on ll.lead_id = l.id where l.id = new.lead_id`)}
  end`,
];

/*
 * PostgreSQL: each transaction adds to its own of 64 slots per day and group (`txid % 64`), so
 * concurrent writers rarely wait on one counter row. A lead's moves and its first opportunity
 * take a per-lead advisory lock, and each statement after it reads anew (READ COMMITTED): a
 * decision and an opportunity committed at the same time then count the opportunity once, in the
 * group the lead ends in. The opportunity trigger runs before the insert, where it sees the rows
 * an insert of several added before it (an AFTER row trigger runs at the statement's end and
 * would see them all).
 */
const POSTGRES_FUNCTIONS = [
  `create function metrics_days_group(verdict text) returns text language sql immutable as $$
    select ${group('verdict')} $$`,
  `create function metrics_days_bump(arrived text, grp text, leads integer, opportunities integer)
   returns void language sql as $$
    insert into metrics_days (day, grp, slot, leads, opportunities)
    values (arrived, grp, (txid_current() % 64)::integer, leads, opportunities)
    on conflict (day, grp, slot) do update set
      leads = metrics_days.leads + excluded.leads,
      opportunities = metrics_days.opportunities + excluded.opportunities $$`,
  `create function metrics_days_on_lead() returns trigger language plpgsql as $$
   begin
     perform metrics_days_bump(substr(new.created_at, 1, 10), 'undecided', 1, 0);
     return null;
   end $$`,
  `create function metrics_days_on_latest() returns trigger language plpgsql as $$
   declare
     before_group text;
     after_group text := metrics_days_group(new.verdict);
     arrived text;
     opportunity integer;
   begin
     if tg_op = 'INSERT' then before_group := 'undecided';
     else before_group := metrics_days_group(old.verdict);
     end if;
     if before_group = after_group then return null; end if;
     perform pg_advisory_xact_lock(17017, hashtext(new.lead_id));
     select substr(created_at, 1, 10) into arrived from leads where id = new.lead_id;
     if arrived is null then return null; end if;
     opportunity := case when exists (
       select 1 from outcomes where lead_id = new.lead_id and type in ${OPPORTUNITY}) then 1 else 0 end;
     perform metrics_days_bump(arrived, before_group, -1, -opportunity);
     perform metrics_days_bump(arrived, after_group, 1, opportunity);
     return null;
   end $$`,
  `create function metrics_days_on_outcome() returns trigger language plpgsql as $$
   declare
     arrived text;
     grp text;
   begin
     if new.type not in ${OPPORTUNITY} then return new; end if;
     perform pg_advisory_xact_lock(17017, hashtext(new.lead_id));
     if exists (select 1 from outcomes where lead_id = new.lead_id and type in ${OPPORTUNITY}) then
       return new;
     end if;
     select substr(l.created_at, 1, 10), metrics_days_group(ll.verdict) into arrived, grp
       from leads l left join lead_latest ll on ll.lead_id = l.id where l.id = new.lead_id;
     if arrived is not null then perform metrics_days_bump(arrived, grp, 0, 1); end if;
     return new;
   end $$`,
  `create trigger metrics_days_lead after insert on leads
   for each row execute function metrics_days_on_lead()`,
  `create trigger metrics_days_decided after insert on lead_latest
   for each row execute function metrics_days_on_latest()`,
  `create trigger metrics_days_redecided after update of verdict on lead_latest
   for each row execute function metrics_days_on_latest()`,
  `create trigger metrics_days_opportunity before insert on outcomes
   for each row execute function metrics_days_on_outcome()`,
];

/**
 * Two dashboard fixes (after issue 8).
 *
 * `metrics_days`: per arrival day (UTC) and group — qualified, the rest, never decided — how many
 * leads arrived and how many of them became opportunities, kept by triggers in the transaction
 * of every write that changes them (a lead stored, its newest verdict changing group, its first
 * `opportunity_created` or `won` outcome), whichever code path writes. The metrics' period
 * comparison adds up the whole days of a period from these and counts only its partial first and
 * last days lead by lead (it counted every lead of both periods on each request). Leads and
 * outcomes are never deleted, so no delete triggers are needed. Existing data is counted in.
 *
 * `sessions`: the dashboard's sign-ins, so that every `serve` process sharing the database sees a
 * sign-out or a key's revocation at once (a signed cookie alone was honoured by the other
 * processes until it expired).
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('metrics_days')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('leads', 'integer', (c) => c.notNull())
    .addColumn('opportunities', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_days_pk', ['day', 'grp', 'slot'])
    .execute();
  for (const statement of isPostgres(db) ? POSTGRES_FUNCTIONS : SQLITE_TRIGGERS) {
    await sql.raw(statement).execute(db);
  }
  await sql
    .raw(
      `insert into metrics_days (day, grp, slot, leads, opportunities)
       select substr(leads.created_at, 1, 10), ${group('l.verdict')}, 0, count(*), count(o.lead_id)
       from leads
       left join lead_latest l on l.lead_id = leads.id
       left join (select distinct lead_id from outcomes where type in ${OPPORTUNITY}) o on o.lead_id = leads.id
       group by 1, 2`,
    )
    .execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_key').on('sessions').column('key_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
};

/** Drop the sessions, the counters and their triggers. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('sessions').ifExists().execute();
  if (isPostgres(db)) {
    await sql`drop trigger if exists metrics_days_lead on leads`.execute(db);
    await sql`drop trigger if exists metrics_days_decided on lead_latest`.execute(db);
    await sql`drop trigger if exists metrics_days_redecided on lead_latest`.execute(db);
    await sql`drop trigger if exists metrics_days_opportunity on outcomes`.execute(db);
    for (const fn of [
      'on_outcome()',
      'on_latest()',
      'on_lead()',
      'bump(text, text, integer, integer)',
      'group(text)',
    ])
      await sql.raw(`drop function if exists metrics_days_${fn}`).execute(db);
  } else {
    for (const trigger of ['lead', 'decided', 'redecided', 'opportunity'])
      await sql.raw(`drop trigger if exists metrics_days_${trigger}`).execute(db);
  }
  await db.schema.dropTable('metrics_days').ifExists().execute();
};
