/**
 * Where a decided lead goes: to an account executive, into a nurture sequence, out
 * (disqualified), or to the human review queue. Routing rules in the criteria file produce it;
 * the service records it and acts on it (webhooks, CRM write-back).
 */
export const DESTINATIONS = ['ae', 'nurture', 'disqualify', 'review'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** A sales rep as routing names them. */
export interface RepRef {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** The routing of one decision, with the rule that made it and a sentence saying why. */
export interface Route {
  readonly destination: Destination;
  /** The rep the lead is assigned to (destination `ae`). */
  readonly owner?: RepRef;
  /** The nurture sequence (destination `nurture`). */
  readonly sequence?: string;
  /** The territory the lead fell in, when territories are configured. */
  readonly territory?: string;
  /** The rule that matched: its name, or `rules[i]`, or `default`. */
  readonly rule: string;
  /** Plain language: "Qualified A1 in EMEA: round-robin among the EMEA reps → Dana Kim". */
  readonly reason: string;
  /**
   * In assisted mode the destination is `review` and this is what routing would have done:
   * accepting the review applies it; overriding replaces it.
   */
  readonly proposed?: Omit<Route, 'proposed'>;
}
