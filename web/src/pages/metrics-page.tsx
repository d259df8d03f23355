import { useMemo } from 'react';
import { BarChart } from '../components/chart.js';
import { ErrorNote } from '../components/error-note.js';
import { duration, percent } from '../format.js';
import type { MetricsView } from '../types.js';
import { useApi } from '../use-api.js';
import { Stat } from '../components/stat.js';
import { useSessionState } from '../use-session-state.js';
import { query } from '../api.js';
import { AuditCard } from './metrics/audit-card.js';
import { BaselineCard, DEFAULT_PERIODS } from './metrics/baseline-card.js';
import type { PickedPeriods } from './metrics/baseline-card.js';
import { calibrationChart, conversionChart, liftChart, verdictMixChart } from './metrics/metrics-charts.js';

/** Conversion, speed to first touch, AE acceptance, review agreement and the verdict mix: numbers beside charts. */
export const MetricsPage = () => {
  const [picked, setPicked] = useSessionState<PickedPeriods>('leadsift.metrics.periods', DEFAULT_PERIODS);
  const metrics = useApi<MetricsView>(`/v1/metrics${query({ ...picked })}`);
  const m = metrics.data;
  const mix = useMemo(() => verdictMixChart(m), [m]);
  const conversion = useMemo(() => conversionChart(m), [m]);
  const calibration = useMemo(() => calibrationChart(m), [m]);
  const lift = useMemo(() => liftChart(m), [m]);
  if (m === undefined)
    return metrics.error === undefined ? (
      <p className="muted">Loading…</p>
    ) : (
      <ErrorNote error={metrics.error} />
    );
  return (
    <section>
      <div className="page-head">
        <h1>Metrics</h1>
        <button type="button" onClick={metrics.reload}>
          Refresh
        </button>
      </div>
      <div className="stats">
        <Stat
          label="Speed to first touch"
          value={duration(m.speedToFirstTouch.medianMs)}
          hint={
            m.speedToFirstTouch.count === 0
              ? 'no webhook or CRM write delivered yet'
              : `median · p90 ${duration(m.speedToFirstTouch.p90Ms)} · ${m.speedToFirstTouch.count} touched`
          }
          testId="first-touch"
        />
        <Stat
          label="Routed after"
          value={duration(m.speedToFirstTouch.routedMedianMs)}
          hint="median, arrival → routed"
          testId="routed"
        />
        <Stat
          label="AE acceptance"
          value={percent(m.aeAcceptance.rate)}
          hint={`${m.aeAcceptance.accepted} accepted · ${m.aeAcceptance.rejected} rejected`}
          testId="acceptance"
        />
        <Stat
          label="Review agreement"
          value={percent(m.reviewAgreement.rate)}
          hint={`κ ${m.reviewAgreement.kappa === null ? '—' : m.reviewAgreement.kappa.toFixed(2)} · ${m.reviewAgreement.resolved} reviewed · ${m.reviewAgreement.pending} waiting`}
          testId="review-agreement"
        />
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Verdict mix by day</h2>
          <BarChart config={mix} label="Verdicts by day" height={260} />
        </div>
        <div className="card">
          <h2>Lead → opportunity conversion</h2>
          <div className="side-by-side">
            <BarChart
              config={conversion}
              label="Conversion of AI-qualified leads against the rest"
              height={220}
            />
            <table className="figures">
              <tbody>
                <tr>
                  <th>AI-qualified</th>
                  <td data-figure="conversion-qualified">{percent(m.conversion.qualified.rate, 1)}</td>
                  <td className="muted small">
                    {m.conversion.qualified.opportunities} of {m.conversion.qualified.leads}
                  </td>
                </tr>
                <tr>
                  <th>The rest</th>
                  <td>{percent(m.conversion.rest.rate, 1)}</td>
                  <td className="muted small">
                    {m.conversion.rest.opportunities} of {m.conversion.rest.leads}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <ErrorNote error={metrics.error} />
      <BaselineCard periods={m.periods} picked={picked} onPick={setPicked} />
      <div className="stats">
        <Stat
          label="False negatives"
          value={percent(m.falseNegativeAudit.falseNegativeRate.rate, 1)}
          hint={
            m.falseNegativeAudit.falseNegativeRate.source === 'audit'
              ? `${m.falseNegativeAudit.counts.foundGood} good of ${m.falseNegativeAudit.counts.followedUp} followed up in the audit sample (${m.falseNegativeAudit.counts.drawn} drawn)`
              : `${m.falseNegatives.opportunities} of ${m.falseNegatives.leads} not-qualified leads became opportunities; audit sample: ${m.falseNegativeAudit.counts.followedUp} of ${m.falseNegativeAudit.counts.drawn} followed up`
          }
          testId="false-negatives"
        />
        <Stat
          label="Sales cycle"
          value={m.salesCycle.medianDays === null ? '—' : `${Math.round(m.salesCycle.medianDays)} d`}
          hint={
            m.salesCycle.p90Days === null
              ? 'no won deal with an acceptance before it yet'
              : `median · p90 ${Math.round(m.salesCycle.p90Days)} d · ${m.salesCycle.count} won`
          }
          testId="sales-cycle"
        />
        <Stat
          label="Model AUC"
          value={m.model?.auc === undefined || m.model.auc === null ? '—' : m.model.auc.toFixed(2)}
          hint={m.model === undefined ? 'no active model' : `${m.model.kind} · ${m.model.version}`}
          testId="model-auc"
        />
        <Stat
          label="Base rate"
          value={percent(m.model?.baseRate, 1)}
          hint="conversions in the model's held-out leads"
          testId="base-rate"
        />
      </div>
      <div className="grid-2">
        <AuditCard audit={m.falseNegativeAudit} onChange={metrics.reload} />
        {calibration === undefined || lift === undefined ? (
          <div className="card">
            <h2>Model</h2>
            <p className="muted">No active model: train one with `leadsift train` (the demo does).</p>
          </div>
        ) : (
          <div className="card">
            <h2>Model calibration and lift (held-out leads)</h2>
            <BarChart
              config={calibration}
              label="Predicted against observed conversion per bin"
              height={200}
            />
            <BarChart config={lift} label="Lift by score decile" height={180} />
          </div>
        )}
      </div>
    </section>
  );
};
