import type { ChartConfiguration } from 'chart.js';
import type { MetricsView } from '../../types.js';

const COLORS = { qualified: '#16a34a', not_qualified: '#dc2626', needs_info: '#d97706' };

/** Verdicts by day, stacked. */
export const verdictMixChart = (m: MetricsView | undefined): ChartConfiguration<'bar'> => ({
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
});

/** Lead → opportunity conversion of AI-qualified leads against the rest, in %. */
export const conversionChart = (m: MetricsView | undefined): ChartConfiguration<'bar'> => ({
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
});

/** The model's predicted against observed conversion per probability bin (held-out leads). */
export const calibrationChart = (m: MetricsView | undefined): ChartConfiguration<'bar'> | undefined =>
  m?.model === undefined
    ? undefined
    : {
        type: 'bar',
        data: {
          labels: m.model.calibration.map((b) => `${Math.round(b.meanPredicted * 100)} %`),
          datasets: [
            {
              label: 'predicted',
              data: m.model.calibration.map((b) => b.meanPredicted * 100),
              backgroundColor: '#94a3b8',
              borderRadius: 2,
            },
            {
              label: 'observed',
              data: m.model.calibration.map((b) => b.observedRate * 100),
              backgroundColor: '#2563eb',
              borderRadius: 2,
            },
          ],
        },
        options: {
          plugins: { legend: { position: 'bottom' } },
          scales: {
            y: {
              title: { display: true, text: '% converted' },
              beginAtZero: true,
              grid: { color: '#eef0f4' },
            },
            x: {
              title: { display: true, text: 'predicted probability (bins)' },
              grid: { display: false },
            },
          },
        },
      };

/** The model's lift by score decile (held-out leads). */
export const liftChart = (m: MetricsView | undefined): ChartConfiguration<'bar'> | undefined =>
  m?.model === undefined
    ? undefined
    : {
        type: 'bar',
        data: {
          labels: m.model.deciles.map((d) => String(d.decile)),
          datasets: [
            {
              label: 'lift',
              data: m.model.deciles.map((d) => d.lift),
              backgroundColor: '#16a34a',
              borderRadius: 2,
            },
          ],
        },
        options: {
          plugins: { legend: { display: false } },
          scales: {
            y: {
              title: { display: true, text: 'lift (× base rate)' },
              beginAtZero: true,
              grid: { color: '#eef0f4' },
            },
            x: {
              title: { display: true, text: 'decile (1 = highest scores)' },
              grid: { display: false },
            },
          },
        },
      };
