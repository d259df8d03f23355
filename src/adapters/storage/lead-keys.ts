import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { LeadDraft } from '../../domain/lead.js';
import type { Database } from './database.js';
import { personKey } from '../../intake/person-key.js';
import { normalizeEmail } from './lead-rows.js';
import { chunks } from './store-context.js';

type Trx = Kysely<Database>;

/** The keys a draft can match on. */
export interface DraftKeys {
  readonly externalId: string | undefined;
  readonly email: string | undefined;
  /** Name at company domain; only for drafts with neither an external id nor an email. */
  readonly person: string | undefined;
}

/** A draft's keys: its external id and its normalized email, else its name at its company domain or its phone. */
export const keysOf = (draft: LeadDraft): DraftKeys => {
  const email = draft.person.email === undefined ? undefined : normalizeEmail(draft.person.email.value);
  const weak = draft.externalId === undefined && email === undefined;
  return {
    externalId: draft.externalId,
    email,
    person: weak ? personKey(draft.person, draft.company) : undefined,
  };
};

/** The keys as tags (`external:…`, `email:…`, `person:…`) for the batch's set of keys known to exist. */
export const tagsOf = (keys: DraftKeys): string[] => [
  ...(keys.externalId === undefined ? [] : [`external:${keys.externalId}`]),
  ...(keys.email === undefined ? [] : [`email:${keys.email}`]),
  ...(keys.person === undefined ? [] : [`person:${keys.person}`]),
];

const IN_LIST_SIZE = 500;

/**
 * The tags of the batch's keys that stored leads already hold, in one query per 500 keys, so that
 * drafts of new people go straight to the insert (half the statements for a fresh import). Only
 * a hint: a key a concurrent writer adds meanwhile is caught by the insert's ON CONFLICT.
 */
export const storedTags = async (trx: Trx, keys: readonly DraftKeys[]): Promise<Set<string>> => {
  const present = new Set<string>();
  const externalIds = [...new Set(keys.flatMap((k) => (k.externalId === undefined ? [] : [k.externalId])))];
  const emails = [...new Set(keys.flatMap((k) => (k.email === undefined ? [] : [k.email])))];
  const people = [...new Set(keys.flatMap((k) => (k.person === undefined ? [] : [k.person])))];
  const lookups = [
    ...chunks(externalIds, IN_LIST_SIZE).map((part) => ['external_id', part] as const),
    ...chunks(emails, IN_LIST_SIZE).map((part) => ['email_normalized', part] as const),
    ...chunks(people, IN_LIST_SIZE).map((part) => ['person_key', part] as const),
  ];
  for (const [column, values] of lookups) {
    const rows = await trx
      .selectFrom('leads')
      .select(['external_id', 'email_normalized', 'person_key'])
      .where(column, 'in', values)
      .execute();
    for (const row of rows) {
      const stored = {
        externalId: row.external_id ?? undefined,
        email: row.email_normalized ?? undefined,
        person: row.person_key ?? undefined,
      };
      for (const tag of tagsOf(stored)) present.add(tag);
    }
  }
  return present;
};

// Advisory lock space for lead keys: (namespace, bucket). 64 buckets bound the locks one batch
// holds (PostgreSQL's shared lock table has max_locks_per_transaction × max_connections slots).
const LOCK_NAMESPACE = 0x1ead;
const LOCK_BUCKETS = 64;

/** FNV-1a, 32 bits: a stable, cheap spread of keys over the lock buckets. */
const bucketOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LOCK_BUCKETS;
};

/**
 * PostgreSQL only: take the advisory locks of every key in the batch, in ascending order, before
 * touching a row. Two writers whose batches share keys then queue instead of locking rows in
 * opposite orders and deadlocking; writers with disjoint keys mostly still run side by side.
 */
export const lockKeys = async (trx: Trx, keys: readonly DraftKeys[]): Promise<void> => {
  const buckets = new Set<number>();
  for (const k of keys) {
    if (k.externalId !== undefined) buckets.add(bucketOf(`external:${k.externalId}`));
    if (k.email !== undefined) buckets.add(bucketOf(`email:${k.email}`));
    if (k.person !== undefined) buckets.add(bucketOf(`person:${k.person}`));
  }
  for (const bucket of [...buckets].sort((a, b) => a - b)) {
    await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int4, ${bucket}::int4)`.execute(trx);
  }
};
