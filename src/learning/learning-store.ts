import type { MetricsData } from '../metrics/dashboard-metrics.js';
import type { OutcomeType } from '../domain/outcome.js';
import type { AuditSampleStore } from './audit-sample.js';

/** A span of time, ISO 8601 UTC, `from` included and `to` excluded. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** What a drift alert is about. */
export const ALERT_KINDS = [
  'feature_drift',
  'calibration_drift',
  'acceptance_rate',
  'false_negative_rate',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** How much attention an alert wants: `major` drift, or a `moderate` shift worth a look. */
export type AlertLevel = 'moderate' | 'major';

/** Drift found by a check: a plain sentence, and the figures behind it. */
export interface Alert {
  readonly id: string;
  readonly kind: AlertKind;
  /** The column or rate it is about (`source`, `ae_acceptance`, …). */
  readonly subject: string;
  readonly level: AlertLevel;
  /** "Share of leads with source 'paid_search' rose from 12 % to 41 % since training (PSI 0.52)". */
  readonly text: string;
  readonly figures: Readonly<Record<string, unknown>>;
  /** The model that was active when the drift was found. */
  readonly modelVersion?: string;
  /** The training period and the recent weeks compared. */
  readonly baseline: Period;
  readonly recent: Period;
  readonly raisedAt: string;
}

export type NewAlert = Omit<Alert, 'id' | 'raisedAt'>;

/** One alert's `alert.raised` webhook to one endpoint. */
export interface AlertDelivery {
  readonly id: string;
  readonly alertId: string;
  readonly webhook: string;
  readonly status: 'pending' | 'delivered' | 'dead';
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly nextAt: string;
  readonly lastError?: string;
  readonly deliveredAt?: string;
}

/** What happened to the active model, and who or what decided it. */
export const MODEL_CHANGE_ACTIONS = ['promoted', 'refused', 'promoted_by_person', 'rolled_back'] as const;
export type ModelChangeAction = (typeof MODEL_CHANGE_ACTIONS)[number];

/** One entry of the promotion log, with the figures the change was decided on. */
export interface ModelChange {
  readonly id: string;
  readonly at: string;
  readonly action: ModelChangeAction;
  /** The model active before the change (absent when none was). */
  readonly from?: string;
  /** The model promoted, refused, or returned to. */
  readonly to?: string;
  /** `retrain` (the learning loop), `schedule`, or the person's name. */
  readonly by: string;
  readonly reason: string;
  readonly figures: Readonly<Record<string, unknown>>;
}

export type NewModelChange = Omit<ModelChange, 'id'>;

/** A lead as drift compares it: its source and the record as it arrived. */
export interface LeadColumns {
  readonly source?: string;
  readonly raw: Readonly<Record<string, string>>;
}

/** A decision the model took part in, with what happened to the lead since. */
export interface ModelPrediction {
  readonly leadId: string;
  readonly probability: number;
  readonly outcomes: readonly OutcomeType[];
}

/** A rate's counts in a period: `hits` of `of`. */
export interface RateCounts {
  readonly hits: number;
  readonly of: number;
}

/**
 * The learning loop's storage port: alerts and their webhook deliveries, the promotion log, the
 * false-negative audit sample, and the period-bounded reads drift and the review report compare.
 */
export interface LearningStore extends AuditSampleStore {
  /** Store alerts raised at `at` and, for each, a pending delivery per webhook, in one transaction. */
  saveAlerts(
    alerts: readonly NewAlert[],
    webhooks: readonly { readonly name: string; readonly maxAttempts: number }[],
    at: string,
  ): Promise<Alert[]>;
  /** Alerts raised in `period` (all when absent), newest first, at most `limit`. */
  listAlerts(query: {
    readonly period?: Period;
    readonly kind?: AlertKind;
    readonly limit: number;
  }): Promise<Alert[]>;
  /** The newest alert about this kind and subject. */
  lastAlert(kind: AlertKind, subject: string): Promise<Alert | undefined>;
  /** Pending deliveries due by `now`, oldest first, with their alert. */
  dueDeliveries(now: string, limit: number): Promise<Array<{ delivery: AlertDelivery; alert: Alert }>>;
  /** Record an attempt's result on a delivery. */
  settleDelivery(
    id: string,
    result: Pick<AlertDelivery, 'status' | 'attempts' | 'nextAt'> & {
      lastError?: string;
      deliveredAt?: string;
    },
  ): Promise<void>;
  /** Deliveries in `status` (all when absent), newest alert first, each with its alert, at most `limit`. */
  listDeliveries(query: {
    readonly status?: AlertDelivery['status'];
    readonly limit: number;
  }): Promise<Array<{ delivery: AlertDelivery; alert: Alert }>>;
  /**
   * Send a dead delivery again: pending, due at `now`, with `extraAttempts` more attempts than it
   * has made. NOT_FOUND for no such delivery; CONFLICT unless it is dead.
   */
  retryDelivery(id: string, now: string, extraAttempts: number): Promise<AlertDelivery>;
  /**
   * Log a model change; with `activate`, make that saved version the active model in the same
   * transaction (NOT_FOUND when it was never saved), so that the log and the registry never disagree.
   */
  recordChange(change: NewModelChange, activate?: string): Promise<ModelChange>;
  /** Model changes in `period` (all when absent), newest first. */
  listChanges(period?: Period): Promise<ModelChange[]>;
  /** Up to `limit` leads that arrived in `period`, newest first. */
  leadsIn(period: Period, limit: number): Promise<LeadColumns[]>;
  /** Accepted (hits) of accepted + rejected AE outcomes recorded in `period`. */
  acceptance(period: Period): Promise<RateCounts>;
  /** Leads last decided not qualified in `period` (of) that became an opportunity or were won (hits). */
  falseNegatives(period: Period): Promise<RateCounts>;
  /** Each lead's latest decision in `period` that carries a model probability, with its outcomes. */
  predictions(period: Period, limit: number): Promise<ModelPrediction[]>;
  /** AE rejections recorded in `period` by their reason, most frequent first, at most `limit`. */
  rejectionReasons(period: Period, limit: number): Promise<Array<{ reason: string; count: number }>>;
  /** The dashboard's counts restricted to `period` (decisions, routes, outcomes, reviews in it). */
  metricsIn(period: Period): Promise<MetricsData>;
}
