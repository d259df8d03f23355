import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Verdict } from '../domain/decision.js';
import type { OutcomeType } from '../domain/outcome.js';
import { dashboardMetrics } from '../metrics/dashboard-metrics.js';
import type { DashboardMetrics } from '../metrics/dashboard-metrics.js';

/** A disqualified lead drawn for the false-negative audit, with what happened to it. */
export interface AuditedLead {
  readonly leadId: string;
  readonly name: string;
  readonly outcomes: readonly OutcomeType[];
}

/** The active model's held-out evaluation, when there is one. */
export interface ModelQuality {
  readonly version: string;
  readonly kind: string;
  readonly auc: number | null;
  readonly baseRate: number | null;
  readonly calibration: ReadonlyArray<{
    readonly meanPredicted: number;
    readonly observedRate: number;
    readonly count: number;
  }>;
  readonly deciles: ReadonlyArray<{ readonly decile: number; readonly lift: number; readonly rate: number }>;
}

/** Everything the metrics page shows. */
export type MetricsView = DashboardMetrics & {
  readonly audit: readonly AuditedLead[];
  readonly model?: ModelQuality;
};

const AUDITED: Verdict = 'not_qualified';

/**
 * The dashboard's metrics, the false-negative audit (a fresh random sample of leads whose latest
 * verdict is not qualified, each with its outcomes: a won deal among them is a lead the rules
 * turned away) and the active model's calibration and lift on its held-out split.
 */
export const readMetrics = async (store: StoreHandle, auditSize = 10): Promise<MetricsView> => {
  const [data, ids, model] = await Promise.all([
    store.service.metricsData(),
    store.service.sampleLeadIds(auditSize, AUDITED),
    store.models.activeModel(),
  ]);
  const leads = await store.leads.getLeads(ids);
  const audit = await Promise.all(
    ids.map(async (id): Promise<AuditedLead> => {
      const lead = leads.get(id);
      const name = [lead?.person.firstName?.value, lead?.person.lastName?.value].filter(Boolean).join(' ');
      return {
        leadId: id,
        name: name === '' ? (lead?.person.email?.value ?? id) : name,
        outcomes: (await store.leads.listOutcomes(id)).map((o) => o.type),
      };
    }),
  );
  const evaluation = model?.document.evaluation;
  return {
    ...dashboardMetrics(data),
    audit,
    ...(model === undefined || evaluation === undefined
      ? {}
      : {
          model: {
            version: model.version,
            kind: model.kind,
            auc: evaluation.auc,
            baseRate: evaluation.baseRate,
            calibration: evaluation.calibration.map((b) => ({
              meanPredicted: b.meanPredicted,
              observedRate: b.observedRate,
              count: b.count,
            })),
            deciles: evaluation.deciles.map((d) => ({ decile: d.decile, lift: d.lift, rate: d.rate })),
          },
        }),
  };
};
