/**
 * The email-pattern provider: learns each company's address pattern from its known emails and
 * guesses unverified work emails from a person's name and company domain.
 */
export { foldNameForEmail } from './fold-name-for-email.js';
export { EMAIL_PATTERNS, applyPattern, emailPatternOf, type EmailPatternName } from './email-patterns.js';
export {
  learnEmailPatterns,
  mostFrequentPattern,
  type DomainPatterns,
  type EmailPatterns,
  type KnownEmail,
  type LeadingPattern,
} from './learn-email-patterns.js';
export {
  FALLBACK_CONFIDENCE,
  MAX_GUESS_CONFIDENCE,
  createEmailPatternProvider,
  emailGuessConfidence,
  type EmailPatternProviderOptions,
} from './email-pattern-provider.js';
