// The API's shapes are the server's own types: the dashboard reads what the routes return.
export type { Decision, Reason, Verdict, CitedFact } from '../../src/domain/decision.js';
export type { Lead } from '../../src/domain/lead.js';
export type { Fact, Provenance } from '../../src/domain/provenance.js';
export type { Outcome } from '../../src/domain/outcome.js';
export type { Route } from '../../src/domain/route.js';
export type { Activity } from '../../src/domain/activity.js';
export type { DashboardMetrics } from '../../src/metrics/dashboard-metrics.js';
export type { MetricsView } from '../../src/service/read-metrics.js';
export type {
  CriteriaVersion,
  LeadFacets,
  LeadSort,
  LeadSummary,
  Review,
  Touch,
} from '../../src/service/service-store.js';
export type { Job } from '../../src/jobs/job-queue.js';
export type { AccountDecision } from '../../src/accounts/account-decision.js';
export type { Alert } from '../../src/learning/learning-store.js';
