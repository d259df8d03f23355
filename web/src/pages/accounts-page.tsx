import { useState } from 'react';
import { ErrorNote } from '../components/error-note.js';
import { Select } from '../components/filter-select.js';
import { ScoreBar, VerdictBadge } from '../components/verdict-badge.js';
import { dateTime, humanize, signed } from '../format.js';
import { query } from '../api.js';
import type { AccountDecision, Alert } from '../types.js';
import { useApi } from '../use-api.js';

const VERDICTS = ['qualified', 'not_qualified', 'needs_info'];

interface AccountsAnswer {
  readonly total: number;
  readonly leads: number;
  readonly unassigned: number;
  readonly accounts: readonly AccountDecision[];
}

/** Drift alerts, newest first, when the service keeps them (GET /v1/alerts). */
const AlertsPanel = () => {
  const alerts = useApi<{ alerts: Alert[] }>('/v1/alerts?limit=10');
  if (alerts.error !== undefined || alerts.data === undefined) return null;
  return (
    <div className="card alerts-panel" data-alerts>
      <h2>Alerts</h2>
      {alerts.data.alerts.length === 0 ? (
        <p className="muted">No drift found: recent leads look like the ones the model learned from.</p>
      ) : (
        <ul className="plain">
          {alerts.data.alerts.map((a) => (
            <li key={a.id}>
              <span className={`badge alert-${a.level}`}>{humanize(a.level)}</span> {a.text}
              <div className="muted small">
                {humanize(a.kind)} · raised {dateTime(a.raisedAt)}
                {a.modelVersion === undefined ? '' : ` · model ${a.modelVersion}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** One account's row: verdict, score, its four parts, and the top reason; opens to every reason. */
const AccountRow = ({ account }: { readonly account: AccountDecision }) => {
  const [open, setOpen] = useState(false);
  const top = account.reasons[0];
  return (
    <>
      <tr className="clickable" data-account={account.key} onClick={() => setOpen((o) => !o)}>
        <td>
          <div className="lead-name">{account.name ?? account.key}</div>
          <div className="muted small">{account.domains.join(', ')}</div>
        </td>
        <td>
          <VerdictBadge verdict={account.verdict} />
        </td>
        <td>
          <ScoreBar score={account.score} />
        </td>
        <td className="num">
          {account.fit.score} <span className="muted small">({account.fit.grade})</span>
        </td>
        <td className="num">
          {account.engagement.engaged}/{account.engagement.contacts}{' '}
          <span className="muted small">({account.engagement.score})</span>
        </td>
        <td className="num">
          {account.committee.filled}/{account.committee.seats.length}{' '}
          <span className="muted small">({account.committee.score})</span>
        </td>
        <td className="num">
          {account.intent.score} <span className="muted small">({account.intent.grade})</span>
        </td>
        <td className="reason-cell">{top?.text ?? '—'}</td>
      </tr>
      {open ? (
        <tr className="account-detail">
          <td colSpan={8}>
            <ul className="reasons">
              {account.reasons.map((r, i) => (
                <li key={i} className={`reason reason-${r.kind}`}>
                  <span className={`effect ${r.effect > 0 ? 'up' : r.effect < 0 ? 'down' : ''}`}>
                    {r.effect === 0 ? '·' : signed(r.effect)}
                  </span>
                  <div>
                    <span>{r.text}</span> <span className="muted small">{humanize(r.kind)}</span>
                  </div>
                </li>
              ))}
            </ul>
            {account.committee.seats.length === 0 ? null : (
              <div className="muted small">
                Seats:{' '}
                {account.committee.seats
                  .map((s) => `${humanize(s.role)}: ${s.filledBy ?? 'open'}`)
                  .join(' · ')}
              </div>
            )}
            <div className="muted small">
              Contacts:{' '}
              {account.contacts.map((c, i) => (
                <span key={c.leadId}>
                  {i === 0 ? '' : ', '}
                  <a href={`#/lead/${c.leadId}`}>{c.name ?? c.leadId}</a>
                  {c.title === undefined ? '' : ` (${c.title})`}
                  {c.engaged ? ' ●' : ''}
                </span>
              ))}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
};

/** Accounts: leads grouped by company, each decided with its score parts, verdict and reasons; and drift alerts. */
export const AccountsPage = () => {
  const [verdict, setVerdict] = useState('');
  const page = useApi<AccountsAnswer>(`/v1/accounts${query({ verdict, limit: 200 })}`);
  return (
    <section>
      <div className="page-head">
        <h1>Accounts</h1>
        <span className="muted">
          {page.data === undefined
            ? ''
            : `${page.data.total} accounts from ${page.data.leads} leads · ${page.data.unassigned} leads in no account`}
        </span>
      </div>
      <AlertsPanel />
      <div className="filters">
        <Select label="Account verdict" value={verdict} onChange={setVerdict} options={VERDICTS} />
      </div>
      <ErrorNote error={page.error} />
      <div className="card table-card">
        <table className="leads-table accounts-table">
          <thead>
            <tr>
              <th>Account</th>
              <th>Verdict</th>
              <th>Score</th>
              <th>Fit</th>
              <th title="engaged contacts / contacts (score)">Engaged</th>
              <th title="committee seats filled / seats (score)">Committee</th>
              <th>Intent</th>
              <th>Top reason</th>
            </tr>
          </thead>
          <tbody>
            {(page.data?.accounts ?? []).map((a) => (
              <AccountRow key={a.key} account={a} />
            ))}
          </tbody>
        </table>
        {page.data?.accounts.length === 0 ? <div className="empty">No accounts.</div> : null}
        {page.data !== undefined && page.data.total > page.data.accounts.length ? (
          <div className="muted small pager">
            Showing the first {page.data.accounts.length} of {page.data.total}, qualified first then by score.
          </div>
        ) : null}
      </div>
    </section>
  );
};
