import { dateTime, duration, humanize } from '../../format.js';
import type { Activity, Decision, Job, Outcome, Touch } from '../../types.js';

/** Where each decision sent the lead, and how long after arrival it was routed and first touched. */
export const RoutesCard = ({ routes }: { readonly routes: readonly Touch[] }) => (
  <div className="card">
    <h2>Routes</h2>
    {routes.length === 0 ? <p className="muted">Not routed yet.</p> : null}
    <ul className="plain">
      {routes.map((t) => (
        <li key={t.id}>
          <b>{humanize(t.route.destination)}</b>
          {t.route.owner === undefined ? '' : ` → ${t.route.owner.name}`}
          {t.route.proposed?.owner === undefined
            ? ''
            : ` (proposed: ${humanize(t.route.proposed.destination)} → ${t.route.proposed.owner.name})`}
          <div className="muted small">
            {t.route.reason} · routed {duration(Date.parse(t.routedAt) - Date.parse(t.arrivedAt))} after
            arrival
            {t.firstActionAt === undefined
              ? ''
              : ` · first touch after ${duration(Date.parse(t.firstActionAt) - Date.parse(t.arrivedAt))}`}
          </div>
        </li>
      ))}
    </ul>
  </div>
);

/** Webhook and CRM deliveries with their status, attempts and last error. */
export const DeliveriesCard = ({ deliveries }: { readonly deliveries: readonly Job[] }) => (
  <div className="card">
    <h2>Deliveries</h2>
    {deliveries.length === 0 ? <p className="muted">No webhooks or CRM writes.</p> : null}
    <ul className="plain">
      {deliveries.map((j) => {
        const name = (j.payload as { name?: unknown } | null)?.name;
        return (
          <li key={j.id}>
            <span className={`status status-${j.status}`}>{j.status}</span> {j.kind}
            {typeof name === 'string' ? ` ${name}` : ''}
            <span className="muted small">
              {' '}
              · {j.attempts} attempt{j.attempts === 1 ? '' : 's'}
              {j.lastError === undefined ? '' : ` · ${j.lastError}`}
            </span>
          </li>
        );
      })}
    </ul>
  </div>
);

/** Events, outcomes and decisions, newest first. */
export const TimelineCard = ({
  events,
  outcomes,
  decisions,
}: {
  readonly events: readonly Activity[];
  readonly outcomes: readonly Outcome[];
  readonly decisions: readonly Decision[];
}) => (
  <div className="card">
    <h2>Timeline</h2>
    <ul className="timeline">
      {[
        ...events.map((e) => ({ at: e.occurredAt, text: humanize(e.type), detail: e.source })),
        ...outcomes.map((o) => ({
          at: o.occurredAt,
          text: `outcome: ${humanize(o.type)}`,
          detail: [o.reason, o.source].filter(Boolean).join(' · '),
        })),
        ...decisions.map((d) => ({
          at: d.decidedAt,
          text: `decided: ${humanize(d.verdict)} (${d.score})`,
          detail: d.versions.criteria,
        })),
      ]
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((item, i) => (
          <li key={i}>
            <span className="muted small">{dateTime(item.at)}</span> <b>{item.text}</b>
            {item.detail === '' ? null : <span className="muted small"> · {item.detail}</span>}
          </li>
        ))}
    </ul>
  </div>
);
