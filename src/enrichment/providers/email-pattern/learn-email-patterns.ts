import { normalizeEmail } from '../../../intake/normalize/email.js';
import { EMAIL_PATTERNS, emailPatternOf, type EmailPatternName } from './email-patterns.js';

/** A known address at a company and the person it belongs to. */
export interface KnownEmail {
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

/** What one domain's known addresses say about its pattern. */
export interface DomainPatterns {
  /** Known addresses that follow at least one pattern. */
  readonly examples: number;
  /**
   * How many of those addresses follow each pattern. An address that follows several (see
   * `emailPatternOf`) counts for each, so counts may add up to more than `examples`.
   */
  readonly counts: ReadonlyMap<EmailPatternName, number>;
}

/** Learned patterns by email domain (lowercase, punycode, exactly as after the "@"). */
export type EmailPatterns = ReadonlyMap<string, DomainPatterns>;

/**
 * Counts, per domain, the patterns that known addresses follow. Skipped: addresses that do not
 * normalize, role mailboxes (info@, sales@), free-mail and disposable domains (their local parts
 * say nothing about a company), entries without both names, and addresses that follow no
 * pattern (nicknames, numbers, middle initials).
 */
export const learnEmailPatterns = (known: Iterable<KnownEmail>): EmailPatterns => {
  const learned = new Map<string, { examples: number; counts: Map<EmailPatternName, number> }>();
  for (const { email, firstName, lastName } of known) {
    if (firstName === undefined || lastName === undefined) continue;
    const normalized = normalizeEmail(email);
    if (!normalized.ok || normalized.role || normalized.free || normalized.disposable) continue;
    const patterns = emailPatternOf(normalized.local, firstName, lastName);
    if (patterns.length === 0) continue;
    let domain = learned.get(normalized.domain);
    if (domain === undefined) {
      domain = { examples: 0, counts: new Map() };
      learned.set(normalized.domain, domain);
    }
    domain.examples++;
    for (const pattern of patterns) domain.counts.set(pattern, (domain.counts.get(pattern) ?? 0) + 1);
  }
  return learned;
};

/** A domain's leading pattern and how many known addresses follow it. */
export interface LeadingPattern {
  readonly pattern: EmailPatternName;
  readonly count: number;
}

/**
 * The pattern most known addresses follow; on a tie, the one first in `EMAIL_PATTERNS` (so
 * first.last beats flast beats first …). Undefined when there are no counts.
 */
export const mostFrequentPattern = (patterns: DomainPatterns): LeadingPattern | undefined => {
  let best: LeadingPattern | undefined;
  for (const pattern of EMAIL_PATTERNS) {
    const count = patterns.counts.get(pattern) ?? 0;
    if (count > 0 && (best === undefined || count > best.count)) best = { pattern, count };
  }
  return best;
};
