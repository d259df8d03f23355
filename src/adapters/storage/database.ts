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
  jobs: JobsTable;
  touches: TouchesTable;
  reviews: ReviewsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  criteria_versions: CriteriaVersionsTable;
  routing_state: RoutingStateTable;
  lead_latest: LeadLatestTable;
  scheduled_occurrences: ScheduledOccurrencesTable;
  stale_flags: StaleFlagsTable;
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

/** A pipeline job (see migration 004): `payload` and `result` are JSON text. */
export interface JobsTable {
  id: string;
  kind: string;
  lead_id: string | null;
  payload: string;
  status: 'ready' | 'running' | 'done' | 'dead';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A routed decision and the times that measure speed to first touch. */
export interface TouchesTable {
  id: string;
  lead_id: string;
  decision_id: string;
  destination: string;
  owner_id: string | null;
  route: string;
  arrived_at: string;
  decided_at: string;
  routed_at: string;
  first_action_at: string | null;
}

export interface ReviewsTable {
  id: string;
  lead_id: string;
  decision_id: string;
  touch_id: string;
  verdict: string;
  proposed: string;
  status: 'pending' | 'accepted' | 'overridden';
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  final_verdict: string | null;
  reason: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  secret_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  status: number;
  response: string;
  created_at: string;
}

export interface CriteriaVersionsTable {
  version: string;
  name: string;
  text: string;
  created_at: string;
  created_by: string | null;
  active: number;
  activated_at: string | null;
}

export interface RoutingStateTable {
  key: string;
  state: string;
  updated_at: string;
}

/**
 * Each lead's newest decision and route as columns (migration 006), kept in the transactions that
 * save decisions and routes: what the leads page lists, filters and sorts by.
 */
export interface LeadLatestTable {
  lead_id: string;
  decision_id: string;
  verdict: string;
  score: number;
  grade: string;
  fit_score: number;
  intent_score: number;
  playbook: string | null;
  top_reason: string | null;
  decided_at: string;
  owner_id: string | null;
  owner_name: string | null;
  destination: string | null;
}

/** An occurrence of a scheduled task that was enqueued (migration 009): at most one per task and time. */
export interface ScheduledOccurrencesTable {
  task: string;
  due: string;
  job_id: string;
  created_at: string;
}

/** A lead flagged as silent too long (migration 009); `reason` is the Reason as JSON. */
export interface StaleFlagsTable {
  lead_id: string;
  kind: string;
  action: string;
  silent_days: number;
  since: string;
  reason: string;
  flagged_at: string;
}
