import type { DashboardMetrics } from '../metrics/dashboard-metrics.js';
import type { ReviewReport } from './review-report.js';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const num = (x: number | null, digits = 1): string => (x === null ? '–' : x.toFixed(digits));
const ms = (x: number | null): string =>
  x === null
    ? '–'
    : x < 1000
      ? `${Math.round(x)} ms`
      : x < 120_000
        ? `${(x / 1000).toFixed(1)} s`
        : `${(x / 60_000).toFixed(1)} min`;
const day = (iso: string): string => iso.slice(0, 10);
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  rows.length === 0
    ? '<p class="none">None.</p>'
    : `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const decided = (m: DashboardMetrics): number =>
  m.verdictMix.reduce((n, d) => n + d.qualified + d.not_qualified + d.needs_info, 0);

/** The false-negative rate from the audit sample's follow-ups (or what stands in, and why). */
const auditRow = (r: ReviewReport): string[] => {
  const cell = (f: ReviewReport['falseNegativeAudit']['period']) =>
    f.source === 'audit'
      ? `${pct(f.rate)} (${f.audit.foundGood} good of ${f.audit.followedUp} followed up; ${f.audit.drawn} drawn)`
      : `${pct(f.rate)} from outcomes: ${f.reason ?? ''}`;
  return [
    'False negatives (audit sample, followed up)',
    cell(r.falseNegativeAudit.period),
    cell(r.falseNegativeAudit.previous),
  ];
};

/** SPEC capability 11's figures, this period beside the one before. */
const metricRows = (m: DashboardMetrics, p: DashboardMetrics): string[][] => {
  const conv = (c: DashboardMetrics['falseNegatives']) => `${pct(c.rate)} (${c.opportunities} of ${c.leads})`;
  return [
    ['Leads decided', String(decided(m)), String(decided(p))],
    ['Qualified → opportunity', conv(m.conversion.qualified), conv(p.conversion.qualified)],
    ['Others → opportunity (baseline)', conv(m.conversion.rest), conv(p.conversion.rest)],
    [
      'AE acceptance',
      `${pct(m.aeAcceptance.rate)} (${m.aeAcceptance.accepted} of ${m.aeAcceptance.accepted + m.aeAcceptance.rejected})`,
      pct(p.aeAcceptance.rate),
    ],
    ['False negatives (disqualified → opportunity)', conv(m.falseNegatives), conv(p.falseNegatives)],
    [
      'Speed to first touch, median / p90',
      `${ms(m.speedToFirstTouch.medianMs)} / ${ms(m.speedToFirstTouch.p90Ms)}`,
      `${ms(p.speedToFirstTouch.medianMs)} / ${ms(p.speedToFirstTouch.p90Ms)}`,
    ],
    [
      'Sales cycle, median days (wins)',
      `${num(m.salesCycle.medianDays)} (${m.salesCycle.count})`,
      `${num(p.salesCycle.medianDays)} (${p.salesCycle.count})`,
    ],
    [
      'Shadow-mode agreement / Cohen’s κ',
      `${pct(m.reviewAgreement.rate)} / ${num(m.reviewAgreement.kappa, 2)} (${m.reviewAgreement.resolved} reviews)`,
      `${pct(p.reviewAgreement.rate)} / ${num(p.reviewAgreement.kappa, 2)}`,
    ],
  ];
};

/** A horizontal bar of the three verdicts' shares. */
const verdictBar = (m: DashboardMetrics): string => {
  const totals = { qualified: 0, needs_info: 0, not_qualified: 0 };
  for (const d of m.verdictMix)
    for (const v of Object.keys(totals) as (keyof typeof totals)[]) totals[v] += d[v];
  const all = totals.qualified + totals.needs_info + totals.not_qualified;
  if (all === 0) return '<p class="none">No decisions in the period.</p>';
  const part = (v: keyof typeof totals) =>
    `<span class="${v}" style="width:${((100 * totals[v]) / all).toFixed(2)}%" title="${v} ${totals[v]}">${v.replace('_', ' ')} ${Math.round((100 * totals[v]) / all)} %</span>`;
  return `<div class="bar">${part('qualified')}${part('needs_info')}${part('not_qualified')}</div>`;
};

const driftSection = (r: ReviewReport): string => {
  const d = r.drift;
  const comparisons = [
    ...d.features.slice(0, 12).map((f) => [f.alert ? f.level : '', f.text]),
    ...(d.calibration === undefined ? [] : [[d.calibration.level ?? '', d.calibration.text]]),
    [d.acceptance.level ?? '', d.acceptance.text],
    [d.falseNegatives.level ?? '', d.falseNegatives.text],
  ];
  return `<h2>Drift</h2>
<h3>Alerts raised in the period</h3>
${table(
  ['raised', 'level', 'what moved'],
  r.alerts.map((a) => [minute(a.raisedAt), a.level, a.text]),
)}
<h3>As of ${escapeHtml(day(d.recent.to))}: ${escapeHtml(day(d.recent.from))}–${escapeHtml(day(d.recent.to))} (${d.leads.recent} leads) against the training period ${escapeHtml(day(d.baseline.from))}–${escapeHtml(day(d.baseline.to))} (${d.leads.baseline} leads)</h3>
${table(['alert', 'comparison'], comparisons)}`;
};

const modelSection = (r: ReviewReport): string => {
  const m = r.model;
  const active =
    m === undefined
      ? '<p class="none">No model is active: leads are decided by the rules alone.</p>'
      : `<p>Active: <code>${escapeHtml(m.version)}</code> (${escapeHtml(m.kind)}), trained ${escapeHtml(minute(m.trainedAt))} on ${m.rows} leads; held-out AUC ${num(m.auc, 3)}, Brier ${num(m.brier, 3)}.</p>
${table(
  ['predicted', 'mean predicted', 'observed', 'leads'],
  m.calibration.map((b) => [
    `${Math.round(100 * b.from)}–${Math.round(100 * b.to)} %`,
    pct(b.meanPredicted),
    pct(b.observedRate),
    String(b.count),
  ]),
)}`;
  return `<h2>Model</h2>${active}
<h3>Model changes in the period</h3>
${table(
  ['when', 'action', 'from', 'to', 'by', 'reason'],
  r.modelChanges.map((c) => [
    minute(c.at),
    c.action.replace(/_/g, ' '),
    c.from ?? '–',
    c.to ?? '–',
    c.by,
    c.reason,
  ]),
)}`;
};

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff4;vertical-align:top}
th{background:#f5f7fa}.none{color:#6b7483}.meta{color:#6b7483}code{font-size:.9em}
.bar{display:flex;height:1.6rem;border-radius:4px;overflow:hidden;font-size:.8rem;color:#fff}.bar span{padding:.2rem .4rem;white-space:nowrap;overflow:hidden}
.qualified{background:#2f855a}.needs_info{background:#b7791f}.not_qualified{background:#9b2c2c}`;

/** The review as one self-contained HTML page (inline style, no script, no outside resource). */
export const renderReviewHtml = (r: ReviewReport): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>leadsift review ${escapeHtml(day(r.period.from))} to ${escapeHtml(day(r.period.to))}</title><style>${STYLE}</style></head>
<body>
<h1>Qualification review: ${escapeHtml(day(r.period.from))} to ${escapeHtml(day(r.period.to))}</h1>
<p class="meta">Generated ${escapeHtml(minute(r.generatedAt))} UTC by leadsift; compared with ${escapeHtml(day(r.previous.from))} to ${escapeHtml(day(r.previous.to))}.</p>
<h2>Findings</h2>
<ul>${r.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<h2>Metrics</h2>
${table(['metric', 'this period', 'period before'], [...metricRows(r.metrics, r.previousMetrics), auditRow(r)])}
<h3>Verdicts</h3>
${verdictBar(r.metrics)}
<h3>Why AEs rejected leads</h3>
${table(
  ['reason', 'leads'],
  r.rejectionReasons.map((x) => [x.reason, String(x.count)]),
)}
${driftSection(r)}
${modelSection(r)}
</body></html>
`;
