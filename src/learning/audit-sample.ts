import { createHash } from 'node:crypto';
import type { OutcomeType } from '../domain/outcome.js';
import type { Period } from './learning-store.js';

/** What a person found when following up an audited lead: a lead worth an AE's time, or not. */
export const AUDIT_RESULTS = ['good', 'bad'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** The share of not-qualified leads drawn for the audit unless a person sets another. */
export const DEFAULT_AUDIT_SHARE = 0.02;

/** The audit's settings as stored: the share drawn, the hash seed, where the draw reads from. */
export interface AuditSettings {
  readonly share: number;
  readonly seed: string;
  /** The decision id the next draw reads after (a little before the last one read: see the store). */
  readonly scanFrom?: string;
  readonly updatedAt: string;
}

/** A not-qualified decision the draw reads. */
export interface NotQualifiedDecision {
  readonly decisionId: string;
  readonly leadId: string;
  readonly decidedAt: string;
}

/** A lead in the audit sample, its follow-up, and what happened to it since. */
export interface AuditEntry {
  readonly leadId: string;
  readonly decisionId: string;
  readonly decidedAt: string;
  readonly drawnAt: string;
  /** The share in force when it was drawn. */
  readonly share: number;
  /** `pending` until a person records what the follow-up found. */
  readonly status: 'pending' | 'followed_up';
  readonly result?: AuditResult;
  readonly note?: string;
  readonly followedUpBy?: string;
  readonly followedUpAt?: string;
  /** The lead's outcomes so far, oldest first (an opportunity or a win speaks for itself). */
  readonly outcomes: readonly OutcomeType[];
}

/** The audit's counts over the leads disqualified in a period. */
export interface AuditCounts {
  readonly drawn: number;
  readonly followedUp: number;
  /** Followed-up leads found good: the criteria's false negatives. */
  readonly foundGood: number;
}

/** A follow-up as a person records it. */
export interface AuditFollowUp {
  readonly result: AuditResult;
  readonly note?: string;
  readonly by: string;
  readonly at: string;
}

/** The audit sample's storage port (part of `LearningStore`). */
export interface AuditSampleStore {
  /** The settings, made on first use (share `DEFAULT_AUDIT_SHARE`, a random seed) by whichever worker comes first. */
  auditSettings(at: string): Promise<AuditSettings>;
  setAuditShare(share: number, at: string): Promise<AuditSettings>;
  /** Not-qualified decisions in id (creation) order after `after` (all when absent), at most `limit`. */
  notQualifiedAfter(after: string | undefined, limit: number): Promise<NotQualifiedDecision[]>;
  /**
   * Add drawn leads (a lead already drawn keeps its first entry) and move the draw's cursor to
   * `cursor` (never backwards), in one transaction; returns how many were new.
   */
  addToAudit(
    entries: readonly (NotQualifiedDecision & { readonly share: number })[],
    cursor: string,
    at: string,
  ): Promise<number>;
  /**
   * A whole draw has finished: every decision committed by now has been read, so the next draw
   * need only read back from now (less the store's overlap), not from the last decision read —
   * the last minutes of a bulk load were read again by every draw until a new decision came.
   * "Now" is the store's own clock, the one its ids are made from (a `--now` given to a report
   * must not move it). Moves the cursor forward only, and writes at most about once a minute.
   */
  auditScanned(): Promise<void>;
  /** Entries, newest decision first, pending or followed up or both, at most `limit`. */
  listAudit(query: { readonly status?: AuditEntry['status']; readonly limit: number }): Promise<AuditEntry[]>;
  /** Record (or correct) a follow-up; NOT_FOUND when the lead is not in the sample. */
  recordAuditResult(leadId: string, followUp: AuditFollowUp): Promise<AuditEntry>;
  /** Counts over the entries whose decision falls in `period` (all when absent). */
  auditCounts(period?: Period): Promise<AuditCounts>;
}

/**
 * Where a lead falls in [0, 1) for the audit draw: the first 48 bits of SHA-256 of seed and lead
 * id. Every worker computes the same for the same lead, so racing workers draw the same sample,
 * and no one who does not know the seed can steer a lead into or out of it.
 */
export const auditDraw = (leadId: string, seed: string): number =>
  Number.parseInt(createHash('sha256').update(`${seed}:${leadId}`).digest('hex').slice(0, 12), 16) / 2 ** 48;

/** True when the lead belongs in an audit drawing `share` of the not-qualified leads. */
export const inAuditSample = (leadId: string, seed: string, share: number): boolean =>
  auditDraw(leadId, seed) < share;
