import type { LeadDraft } from '../../domain/lead.js';
import { personKey } from '../person-key.js';
import { hashKey, SeenKeys } from './seen-keys.js';

/** How many uint32 values `writeDuplicateHashes` writes per accepted record. */
export const HASHES_PER_RECORD = 6;

/**
 * Write the hashes of a draft's identity keys — email, name at domain (or phone), external id —
 * at `out[offset …]`, two uint32 each, zeros where a key is absent. A worker thread can do this
 * and the main thread then counts duplicates in file order with `DuplicateCounter`.
 */
export const writeDuplicateHashes = (draft: LeadDraft, out: Uint32Array, offset: number): void => {
  const email = draft.person.email?.value;
  const person = personKey(draft.person, draft.company);
  const id = draft.externalId;
  if (email !== undefined) hashKey(email, out, offset);
  else out[offset] = out[offset + 1] = 0;
  if (person !== undefined) hashKey(person, out, offset + 2);
  else out[offset + 2] = out[offset + 3] = 0;
  if (id !== undefined) hashKey(id, out, offset + 4);
  else out[offset + 4] = out[offset + 5] = 0;
};

/** The audit's duplicate counts. */
export interface DuplicateCounts {
  /** Rows that repeat a person already seen (same email, or same name at the same domain). */
  rows: number;
  byEmail: number;
  byNameAndDomain: number;
  byExternalId: number;
}

/** Counts duplicates in the order records are fed, from their identity hashes. */
export class DuplicateCounter {
  private readonly emails = new SeenKeys();
  private readonly people = new SeenKeys();
  private readonly ids = new SeenKeys();
  readonly counts: DuplicateCounts = { rows: 0, byEmail: 0, byNameAndDomain: 0, byExternalId: 0 };

  /** Count the record whose hashes start at `hashes[offset]`. */
  add(hashes: Uint32Array, offset: number): void {
    let duplicate = false;
    if (this.emails.addHashesAndCheck(hashes[offset]!, hashes[offset + 1]!)) {
      this.counts.byEmail++;
      duplicate = true;
    }
    if (this.people.addHashesAndCheck(hashes[offset + 2]!, hashes[offset + 3]!) && !duplicate) {
      this.counts.byNameAndDomain++;
      duplicate = true;
    }
    if (this.ids.addHashesAndCheck(hashes[offset + 4]!, hashes[offset + 5]!)) this.counts.byExternalId++;
    if (duplicate) this.counts.rows++;
  }
}
