import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { BarChart } from '../components/chart.js';
import { ErrorNote } from '../components/error-note.js';
import { duration, percent } from '../format.js';
import type { DashboardMetrics } from '../types.js';
import { useApi } from '../use-api.js';
import { Stat } from './review-page.js';

const COLORS = { qualified: '#16a34a', not_qualified: '#dc2626', needs_info: '#d97706' };

/** Conversion, speed to first touch, AE acceptance, review agreement and the verdict mix: numbers beside charts. */
export const MetricsPage = () => {
  const metrics = useApi<DashboardMetrics>('/v1/metrics');
  const m = metrics.data;
  const mix = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: m?.verdictMix.map((d) => d.day) ?? [],
        datasets: (['qualified', 'needs_info', 'not_qualified'] as const).map((v) => ({
          label: v.replace('_', ' '),
          data: m?.verdictMix.map((d) => d[v]) ?? [],
          backgroundColor: COLORS[v],
          borderRadius: 2,
        })),
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, grid: { color: '#eef0f4' } },
        },
      },
    }),
    [m],
  );
  const conversion = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: ['AI-qualified', 'the rest'],
        datasets: [
          {
            label: 'lead → opportunity',
            data: [(m?.conversion.qualified.rate ?? 0) * 100, (m?.conversion.rest.rate ?? 0) * 100],
            backgroundColor: ['#2563eb', '#94a3b8'],
            borderRadius: 3,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          y: { title: { display: true, text: '%' }, beginAtZero: true, grid: { color: '#eef0f4' } },
          x: { grid: { display: false } },
        },
      },
    }),
    [m],
  );
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
    </section>
  );
};
