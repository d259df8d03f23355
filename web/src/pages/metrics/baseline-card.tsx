import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { BarChart } from '../../components/chart.js';
import { percent } from '../../format.js';
import type { MetricsView } from '../../types.js';

/** The periods a person picked (YYYY-MM-DD, end exclusive); empty for the API's default. */
export interface PickedPeriods {
  readonly from: string;
  readonly to: string;
  readonly baselineFrom: string;
  readonly baselineTo: string;
}
export const DEFAULT_PERIODS: PickedPeriods = { from: '', to: '', baselineFrom: '', baselineTo: '' };

type Periods = MetricsView['periods'];
type Figure = Periods['current']['all'];

const ROWS: ReadonlyArray<{ label: string; pick: (p: Periods) => Figure; figure?: string }> = [
  { label: 'AI-qualified, this period', pick: (p) => p.current.qualified, figure: 'period-qualified' },
  { label: 'The rest, this period', pick: (p) => p.current.rest },
  { label: 'All leads, this period', pick: (p) => p.current.all },
  { label: 'All leads, baseline', pick: (p) => p.baseline.all, figure: 'baseline-all' },
  { label: 'AI-qualified, baseline', pick: (p) => p.baseline.qualified },
];

const chartOf = (p: Periods): ChartConfiguration<'bar'> => ({
  type: 'bar',
  data: {
    labels: ROWS.map((r) => r.label),
    datasets: [
      {
        label: 'lead → opportunity',
        data: ROWS.map((r) => (r.pick(p).rate ?? 0) * 100),
        backgroundColor: ['#2563eb', '#94a3b8', '#64748b', '#d97706', '#f59e0b'],
        borderRadius: 3,
      },
    ],
  },
  options: {
    indexAxis: 'y',
    plugins: { legend: { display: false } },
    scales: {
      x: { title: { display: true, text: '%' }, beginAtZero: true, grid: { color: '#eef0f4' } },
      y: { grid: { display: false } },
    },
  },
});

/** A YYYY-MM-DD of an ISO time (the API's periods), for a date input. */
const day = (iso: string): string => iso.slice(0, 10);

const DateInput = ({
  label,
  value,
  shown,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly shown: string;
  readonly onChange: (value: string) => void;
}) => (
  <label className="select">
    <span>{label}</span>
    <input
      type="date"
      aria-label={label}
      value={value === '' ? day(shown) : value}
      onChange={(e) => onChange(e.target.value)}
    />
  </label>
);

/**
 * Lead → opportunity conversion in the period looked at against a baseline period (by arrival,
 * end exclusive): the AI-qualified leads against the rest and against all the baseline's leads.
 */
export const BaselineCard = ({
  periods,
  picked,
  onPick,
}: {
  readonly periods: Periods;
  readonly picked: PickedPeriods;
  readonly onPick: (picked: PickedPeriods) => void;
}) => {
  const chart = useMemo(() => chartOf(periods), [periods]);
  const set = (key: keyof PickedPeriods) => (value: string) => onPick({ ...picked, [key]: value });
  return (
    <div className="card baseline-card" data-baseline>
      <h2>Conversion against a baseline period</h2>
      <div className="filters">
        <DateInput label="From" value={picked.from} shown={periods.current.from} onChange={set('from')} />
        <DateInput label="Before" value={picked.to} shown={periods.current.to} onChange={set('to')} />
        <DateInput
          label="Baseline from"
          value={picked.baselineFrom}
          shown={periods.baseline.from}
          onChange={set('baselineFrom')}
        />
        <DateInput
          label="Baseline before"
          value={picked.baselineTo}
          shown={periods.baseline.to}
          onChange={set('baselineTo')}
        />
        <button type="button" className="link" onClick={() => onPick(DEFAULT_PERIODS)}>
          Last 30 days against the 30 before
        </button>
      </div>
      <div className="side-by-side">
        <BarChart config={chart} label="Conversion in the period against the baseline period" height={200} />
        <table className="figures">
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.label}>
                <th>{r.label}</th>
                <td data-figure={r.figure}>{percent(r.pick(periods).rate, 1)}</td>
                <td className="muted small">
                  {r.pick(periods).opportunities} of {r.pick(periods).leads}
                </td>
              </tr>
            ))}
            <tr>
              <th>AI-qualified ÷ baseline</th>
              <td data-figure="lift-over-baseline">
                {periods.liftOverBaseline === null ? '—' : `${periods.liftOverBaseline.toFixed(2)}×`}
              </td>
              <td
                className="muted small"
                title="the AI-qualified leads’ rate over the rate of all the baseline’s leads"
              >
                rate ratio
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
};
