import type { Activity } from './activity.js';
import type { AppError } from './app-error.js';
import type { Company } from './company.js';
import type { Decision } from './decision.js';
import type { Lead, LeadDraft } from './lead.js';
import type { Outcome } from './outcome.js';

/**
 * What an upsert did with one item: created a new record, merged into an existing one, or left
 * it alone because merging would take a key (an email) that another record already owns. A
 * `conflict` names the record the draft matched in `id`; the draft itself was not stored.
 */
export type UpsertResult =
  | { readonly id: string; readonly action: 'created' | 'updated' }
  | { readonly id: string; readonly action: 'conflict'; readonly error: AppError };

/** A company before it has an id: its key (registrable domain or normalized name) and facts. */
export type CompanyDraft = Omit<Company, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * The storage port for leads and everything hanging off them. The domain owns this interface;
 * `adapters/storage` implements it on SQLite and PostgreSQL.
 */
export interface LeadStore {
  /**
   * Insert or merge leads, idempotently, in one transaction: a draft with an `externalId` matches
   * the lead with that external id; failing that, the lead with the same normalized email;
   * failing that, a new lead is created. Drafts sharing a key within the batch merge in order.
   * Returns one result per draft, in order; a database failure rolls the whole batch back.
   */
  upsertLeads(drafts: readonly LeadDraft[]): Promise<UpsertResult[]>;
  getLead(id: string): Promise<Lead | undefined>;
  /** Several leads by id in one read; ids not found are absent from the map. */
  getLeads(ids: readonly string[]): Promise<Map<string, Lead>>;
  findLeadByEmail(email: string): Promise<Lead | undefined>;
  /** Leads in creation order, `limit` at a time after `cursor` (an opaque string). */
  listLeads(options: { limit: number; cursor?: string }): Promise<{ leads: Lead[]; next?: string }>;
  countLeads(): Promise<number>;
  /** Insert or merge companies by `key` (fact by fact, newest provenance wins); one result each. */
  upsertCompanies(companies: readonly CompanyDraft[]): Promise<UpsertResult[]>;
  getCompanyByKey(key: string): Promise<Company | undefined>;
  addActivities(activities: readonly Omit<Activity, 'id'>[]): Promise<string[]>;
  /** A lead's activities, oldest first. */
  listActivities(leadId: string): Promise<Activity[]>;
  /** Several leads' activities in one read, each oldest first; leads without any are absent. */
  listActivitiesOf(leadIds: readonly string[]): Promise<Map<string, Activity[]>>;
  addOutcomes(outcomes: readonly Omit<Outcome, 'id'>[]): Promise<string[]>;
  /** A lead's outcomes, oldest first. */
  listOutcomes(leadId: string): Promise<Outcome[]>;
  /** Several leads' outcomes in one read, each oldest first; leads without any are absent. */
  listOutcomesOf(leadIds: readonly string[]): Promise<Map<string, Outcome[]>>;
  saveDecision(decision: Omit<Decision, 'id'>): Promise<string>;
  /** The verdict of each lead's newest decision, in one read; leads never decided are absent. */
  latestVerdicts(leadIds: readonly string[]): Promise<Map<string, Decision['verdict']>>;
  /** Each lead's newest decision in brief (verdict, score, fit, intent, when), in one read; leads never decided are absent. */
  latestDecisions(
    leadIds: readonly string[],
  ): Promise<Map<string, Pick<Decision, 'verdict' | 'score' | 'decidedAt' | 'fit' | 'intent'>>>;
  /** A lead's decisions, oldest first. */
  listDecisions(leadId: string): Promise<Decision[]>;
  close(): Promise<void>;
}

/** One import of a file: when it ran and how its rows were counted. */
export interface ImportRun {
  readonly id: string;
  readonly file: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly rowsIn: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly created: number;
  readonly updated: number;
}

/** The counts an import reports when it finishes. `rowsIn` must equal `accepted + rejected`. */
export type ImportCounts = Pick<ImportRun, 'rowsIn' | 'accepted' | 'rejected' | 'created' | 'updated'>;

/** A rejected row, kept with its reason so that nothing is lost. */
export interface StoredRejection {
  readonly line: number;
  readonly field?: string;
  readonly problem: string;
  readonly raw?: Readonly<Record<string, string>>;
}

/**
 * The storage port for the import audit trail: every run with its counts, and every rejected row
 * with its reason and raw record.
 */
export interface ImportLog {
  /** Start a run; returns its id. */
  startImport(run: { readonly file: string; readonly startedAt: string }): Promise<string>;
  /** Record rejected rows of a run (a row may have several, one per field at fault). */
  addRejections(runId: string, rejections: readonly StoredRejection[]): Promise<void>;
  /**
   * Close a run with its counts. Fails with INPUT_INVALID unless `rowsIn = accepted + rejected`
   * and `rejected` equals the number of distinct rejected lines recorded.
   */
  finishImport(runId: string, finish: ImportCounts & { readonly finishedAt: string }): Promise<ImportRun>;
  getImportRun(id: string): Promise<ImportRun | undefined>;
  /** A run's rejections in line order. */
  listRejections(runId: string): Promise<StoredRejection[]>;
}
