/**
 * Where a fact came from. Every value leadsift stores about a lead carries one of these, so that
 * every decision can say not only *what* it relied on but *who said so* and *when*.
 */
export type Provenance =
  | {
      /** The value arrived as-is from the submitted record (CSV row, API body, CRM webhook). */
      readonly source: 'input';
      readonly at: string;
      /** Where in the input: a file name and 1-based line, or an API request id. */
      readonly origin?: string;
      readonly line?: number;
      /** The column or JSON key the value was read from. */
      readonly column?: string;
    }
  | {
      /** leadsift derived the value from another fact (e.g. seniority from a job title). */
      readonly source: 'normalization';
      readonly at: string;
      /** The name of the rule that produced it, e.g. `title.seniority`. */
      readonly rule: string;
      /** The field it was derived from. */
      readonly from: string;
    }
  | {
      /** An enrichment provider supplied the value. */
      readonly source: 'enrichment';
      readonly at: string;
      readonly provider: string;
      /** 0..1: the provider's own confidence or verification status mapped to a number. */
      readonly confidence: number;
      readonly costCents?: number;
      /** False for a guess nobody confirmed (or one a verifier refuted); absent when the provider did not say. */
      readonly verified?: boolean;
      /** The verifier whose check confirmed (`verified: true`) or refuted (`verified: false`) the value. */
      readonly verifiedBy?: string;
    }
  | {
      /** The prospect said so, in a conversation or a form answer. */
      readonly source: 'prospect';
      readonly at: string;
      readonly channel: string;
      readonly messageId?: string;
      /** The conversation the prospect said it in, and the 1-based number of their message there. */
      readonly conversationId?: string;
      readonly messageIndex?: number;
      /** 0..1: how sure the reader of the message was (the offline extractor or an LLM). */
      readonly confidence?: number;
    };

/** The kind of a provenance: input, normalization, enrichment or prospect. */
export type ProvenanceSource = Provenance['source'];

/** A value together with the raw text it was read from and where it came from. */
export interface Fact<T> {
  readonly value: T;
  /** The text as submitted, kept beside the normalized value so that nothing is destroyed. */
  readonly raw?: string;
  readonly provenance: Provenance;
}

/** A fact read from the input with no change. */
export const inputFact = <T>(
  value: T,
  provenance: Provenance & { source: 'input' },
  raw?: string,
): Fact<T> => (raw === undefined ? { value, provenance } : { value, raw, provenance });

/** A fact derived by a normalization rule from another field. */
export const derivedFact = <T>(value: T, rule: string, from: string, at: string, raw?: string): Fact<T> => {
  const provenance: Provenance = { source: 'normalization', at, rule, from };
  return raw === undefined ? { value, provenance } : { value, raw, provenance };
};
