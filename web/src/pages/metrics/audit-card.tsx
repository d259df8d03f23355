import { useState } from 'react';
import { api } from '../../api.js';
import { ErrorNote } from '../../components/error-note.js';
import { humanize, percent } from '../../format.js';
import type { MetricsView } from '../../types.js';

type Audit = MetricsView['falseNegativeAudit'];
type Entry = Audit['leads'][number];

const Outcomes = ({ entry }: { readonly entry: Entry }) =>
  entry.outcomes.length === 0 ? (
    <span className="muted">no outcome yet</span>
  ) : (
    <>
      {entry.outcomes.map((o, i) => (
        <span key={i} className={`badge outcome-${o}`}>
          {humanize(o)}
        </span>
      ))}
    </>
  );

/**
 * The false-negative audit: the persisted random sample of disqualified leads, each with its
 * outcomes and follow-up. A person who followed one up records what it was — worth an AE's time
 * after all (a false negative) or rightly turned away — and the rate above is counted from those.
 */
export const AuditCard = ({ audit, onChange }: { readonly audit: Audit; readonly onChange: () => void }) => {
  const [failure, setFailure] = useState<Error>();
  const [busy, setBusy] = useState<string>();
  const record = async (leadId: string, result: 'good' | 'bad') => {
    setFailure(undefined);
    setBusy(leadId);
    try {
      await api(`/v1/audit-sample/${encodeURIComponent(leadId)}/result`, {
        method: 'POST',
        json: { result },
      });
      onChange();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(undefined);
    }
  };
  const { counts } = audit;
  return (
    <div className="card" data-testid="audit-card">
      <h2>False-negative audit</h2>
      <p className="muted small">
        {percent(audit.share, 1)} of not-qualified leads are drawn at random into this sample to be followed
        up: {counts.drawn} drawn, {counts.followedUp} followed up, {counts.foundGood} found worth an AE’s
        time. Record what each follow-up found; the false-negative rate is counted from them.
      </p>
      {failure === undefined ? null : <ErrorNote error={failure} />}
      {audit.leads.length === 0 ? (
        <p className="muted">No lead drawn yet: the sample grows as leads are disqualified.</p>
      ) : (
        <table className="facts audit">
          <tbody>
            {audit.leads.map((entry) => (
              <tr key={entry.leadId} data-audit-lead={entry.leadId}>
                <th>
                  <a href={`#/lead/${entry.leadId}`}>{entry.name}</a>
                </th>
                <td>
                  <Outcomes entry={entry} />
                </td>
                <td>
                  {entry.status === 'followed_up' ? (
                    <span
                      className={`badge audit-${entry.result ?? 'none'}`}
                      title={[entry.followedUpBy, entry.followedUpAt?.slice(0, 10), entry.note]
                        .filter(Boolean)
                        .join(' · ')}
                    >
                      {entry.result === 'good' ? 'worth an AE (missed)' : 'rightly out'}
                    </span>
                  ) : (
                    <span className="actions">
                      <button
                        type="button"
                        disabled={busy === entry.leadId}
                        onClick={() => void record(entry.leadId, 'good')}
                      >
                        Worth an AE
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy === entry.leadId}
                        onClick={() => void record(entry.leadId, 'bad')}
                      >
                        Rightly out
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
};
