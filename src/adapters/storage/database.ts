/**
 * The tables as Kysely sees them. Times are ISO 8601 UTC text and JSON is text on both
 * dialects, so that every query here reads the same on SQLite and PostgreSQL.
 */
export interface Database {
  leads: LeadsTable;
  companies: CompaniesTable;
  activities: ActivitiesTable;
  outcomes: OutcomesTable;
  decisions: DecisionsTable;
  import_runs: ImportRunsTable;
  rejections: RejectionsTable;
}

/** One lead: indexed scalar keys beside the facts JSON (`LeadFactsJson`). */
export interface LeadsTable {
  id: string;
  external_id: string | null;
  email_normalized: string | null;
  company_domain: string | null;
  person_key: string | null;
  source: string | null;
  facts: string;
  created_at: string;
  updated_at: string;
}

export interface CompaniesTable {
  id: string;
  key: string;
  facts: string;
  created_at: string;
  updated_at: string;
}

export interface ActivitiesTable {
  id: string;
  lead_id: string;
  type: string;
  occurred_at: string;
  properties: string;
  source: string;
}

export interface OutcomesTable {
  id: string;
  lead_id: string;
  type: string;
  occurred_at: string;
  reason: string | null;
  amount: number | null;
  source: string;
}

/** One decision: verdict, score and grade as columns for filtering, the whole decision as JSON. */
export interface DecisionsTable {
  id: string;
  lead_id: string;
  verdict: string;
  score: number;
  grade: string;
  decision: string;
  decided_at: string;
}

export interface ImportRunsTable {
  id: string;
  file: string;
  started_at: string;
  finished_at: string | null;
  rows_in: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
}

export interface RejectionsTable {
  id: string;
  run_id: string;
  line: number;
  field: string | null;
  problem: string;
  raw: string | null;
}
