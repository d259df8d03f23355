/** What happened to a lead after the decision, as reported by a person or the CRM. */
export const OUTCOME_TYPES = [
  'accepted',
  'rejected',
  'opportunity_created',
  'won',
  'lost',
  'churned',
] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export interface Outcome {
  readonly id: string;
  readonly leadId: string;
  readonly type: OutcomeType;
  readonly occurredAt: string;
  /** Why the AE rejected, or why the deal was lost. */
  readonly reason?: string;
  /** Deal amount in US dollars, for won and opportunity outcomes. */
  readonly amount?: number;
  /** Where the outcome came from: `api`, `crm:hubspot`, `import:file.csv`, `demo`. */
  readonly source: string;
}
