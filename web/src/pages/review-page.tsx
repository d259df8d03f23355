import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { ReasonList } from '../components/reason-list.js';
import { Stat } from '../components/stat.js';
import { ScoreBar, VerdictBadge } from '../components/verdict-badge.js';
import { dateTime, humanize, leadName, percent } from '../format.js';
import type { DashboardMetrics, Decision, Lead, Review, Verdict } from '../types.js';
import { useApi } from '../use-api.js';

/** A review as the queue lists it: with who it is about. */
type QueuedReview = Review & { readonly lead?: { name: string; title?: string; company?: string } };

interface ReviewPage {
  reviews: QueuedReview[];
  next?: string;
  agreement: { pending: number; resolved: number; accepted: number; overridden: number; rate: number | null };
}

const VERDICTS: readonly Verdict[] = ['qualified', 'not_qualified', 'needs_info'];

/** The lead behind a review and the decision under review. */
const useReviewLead = (review: Review | undefined) => {
  const detail = useApi<{ lead: Lead; decisions: Decision[] }>(
    review === undefined ? undefined : `/v1/leads/${review.leadId}`,
  );
  const decision =
    detail.data?.decisions.find((d) => d.id === review?.decisionId) ?? detail.data?.decisions.at(-1);
  return detail.data === undefined || detail.data.lead.id !== review?.leadId
    ? undefined
    : { lead: detail.data.lead, decision };
};

const REVIEW_PAGE = 50;

/** Assisted mode: the AI verdicts waiting for a person. `a` accepts, `o` overrides, `j`/`k` move. */
export const ReviewPage = () => {
  // Pages by cursor: each entry is where a page starts (undefined for the first).
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined]);
  const page = useApi<ReviewPage>(
    `/v1/reviews${query({ status: 'pending', limit: REVIEW_PAGE, cursor: cursors.at(-1) })}`,
  );
  const metrics = useApi<DashboardMetrics>('/v1/metrics');
  const [selected, setSelected] = useState(0);
  const [overriding, setOverriding] = useState(false);
  const [verdict, setVerdict] = useState<Verdict>('not_qualified');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<string>();
  const [failure, setFailure] = useState<Error>();
  const reasonInput = useRef<HTMLInputElement>(null);
  const reviews = page.data?.reviews ?? [];
  const review = reviews[Math.min(selected, reviews.length - 1)];
  const subject = useReviewLead(review);

  const after = useCallback(
    (text: string) => {
      setNote(text);
      setOverriding(false);
      setReason('');
      page.reload();
      metrics.reload();
    },
    [page, metrics],
  );
  const accept = useCallback(async () => {
    if (review === undefined) return;
    setFailure(undefined);
    try {
      await api(`/v1/reviews/${review.id}/accept`, { method: 'POST', json: {} });
      after(`Accepted: ${humanize(review.verdict)}`);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  }, [review, after]);
  const override = async () => {
    if (review === undefined || reason.trim() === '') return;
    setFailure(undefined);
    try {
      await api(`/v1/reviews/${review.id}/override`, {
        method: 'POST',
        json: { verdict, reason: reason.trim() },
      });
      after(`Overridden: ${humanize(verdict)}`);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) {
        if (event.key === 'Escape') setOverriding(false);
        return;
      }
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'a') void accept();
      else if (event.key === 'o' && review !== undefined) {
        event.preventDefault();
        setVerdict(review.verdict === 'qualified' ? 'not_qualified' : 'qualified');
        setOverriding(true);
        setTimeout(() => reasonInput.current?.focus(), 0);
      } else if (event.key === 'j') setSelected((s) => Math.min(s + 1, reviews.length - 1));
      else if (event.key === 'k') setSelected((s) => Math.max(s - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [accept, review, reviews.length]);

  const agreement = page.data?.agreement;
  return (
    <section>
      <div className="page-head">
        <h1>Review queue</h1>
        <span className="muted">
          <kbd>a</kbd> accept · <kbd>o</kbd> override · <kbd>j</kbd>/<kbd>k</kbd> next/previous
        </span>
      </div>
      <div className="stats">
        <Stat label="Waiting" value={String(agreement?.pending ?? '—')} testId="pending" />
        <Stat label="Reviewed" value={String(agreement?.resolved ?? '—')} testId="resolved" />
        <Stat
          label="Agreement"
          value={percent(agreement?.rate)}
          hint={`${agreement?.accepted ?? 0} confirmed, ${agreement?.overridden ?? 0} overridden`}
          testId="agreement"
        />
        <Stat
          label="Cohen's kappa"
          value={
            metrics.data?.reviewAgreement.kappa === null || metrics.data === undefined
              ? '—'
              : metrics.data.reviewAgreement.kappa.toFixed(2)
          }
          hint="agreement beyond chance"
          testId="kappa"
        />
      </div>
      {note === undefined ? null : <div className="ok-note">{note}</div>}
      <ErrorNote error={failure ?? page.error} />
      {reviews.length === 0 && !page.loading ? (
        <div className="card empty">Nothing waiting for review.</div>
      ) : null}
      {reviews.length === 0 ? null : (
        <div className="review-layout">
          <ul className="card review-list">
            {reviews.map((r, i) => (
              <li
                key={r.id}
                className={r.id === review?.id ? 'selected' : undefined}
                onClick={() => setSelected(i)}
              >
                <VerdictBadge verdict={r.verdict} />
                <span className="review-name">{r.lead?.name ?? r.leadId}</span>
                <span className="muted small">
                  {[r.lead?.title, r.lead?.company].filter(Boolean).join(' · ')}
                </span>
                <span className="small">
                  {humanize(r.proposed.proposed?.destination ?? r.proposed.destination)}
                  {(r.proposed.proposed?.owner ?? r.proposed.owner) === undefined
                    ? ''
                    : ` → ${(r.proposed.proposed?.owner ?? r.proposed.owner)?.name ?? ''}`}
                </span>
                <span className="muted small">{dateTime(r.createdAt)}</span>
              </li>
            ))}
          </ul>
          {review === undefined ? null : (
            <div className="card review-detail" data-review={review.id}>
              <div className="page-head">
                <div>
                  <h2>{subject === undefined ? 'Loading…' : leadName(subject.lead)}</h2>
                  <div className="muted">
                    {subject === undefined
                      ? ''
                      : [subject.lead.person.title?.value, subject.lead.company.name?.value]
                          .filter(Boolean)
                          .join(' · ')}
                  </div>
                </div>
                <a href={`#/lead/${review.leadId}`}>Open lead →</a>
              </div>
              <div className="decision-summary">
                <span>AI says</span> <VerdictBadge verdict={review.verdict} />
                {subject?.decision === undefined ? null : <ScoreBar score={subject.decision.score} />}
                <span className="muted">
                  proposed route:{' '}
                  {humanize(review.proposed.proposed?.destination ?? review.proposed.destination)}
                  {(review.proposed.proposed?.owner ?? review.proposed.owner)?.name === undefined
                    ? ''
                    : ` → ${(review.proposed.proposed?.owner ?? review.proposed.owner)?.name ?? ''}`}
                </span>
              </div>
              {subject?.decision === undefined ? null : <ReasonList reasons={subject.decision.reasons} />}
              <div className="actions">
                <button type="button" className="good" onClick={() => void accept()}>
                  Accept <kbd>a</kbd>
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setOverriding(true);
                    setTimeout(() => reasonInput.current?.focus(), 0);
                  }}
                >
                  Override <kbd>o</kbd>
                </button>
              </div>
              {overriding ? (
                <form
                  className="override-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void override();
                  }}
                >
                  <select
                    aria-label="Your verdict"
                    value={verdict}
                    onChange={(e) => setVerdict(e.target.value as Verdict)}
                  >
                    {VERDICTS.map((v) => (
                      <option key={v} value={v}>
                        {humanize(v)}
                      </option>
                    ))}
                  </select>
                  <input
                    ref={reasonInput}
                    aria-label="Reason"
                    placeholder="Why? (required)"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                  <button type="submit" className="primary" disabled={reason.trim() === ''}>
                    Override
                  </button>
                </form>
              ) : null}
            </div>
          )}
        </div>
      )}
      {cursors.length <= 1 && page.data?.next === undefined ? null : (
        <div className="pager">
          <button
            type="button"
            disabled={cursors.length <= 1}
            onClick={() => {
              setCursors((c) => c.slice(0, -1));
              setSelected(0);
            }}
          >
            ← Previous
          </button>
          <span className="muted">
            Page {cursors.length} of {Math.max(1, Math.ceil((agreement?.pending ?? 0) / REVIEW_PAGE))}
          </span>
          <button
            type="button"
            disabled={page.data?.next === undefined}
            onClick={() => {
              setCursors((c) => [...c, page.data?.next]);
              setSelected(0);
            }}
          >
            Next →
          </button>
        </div>
      )}
    </section>
  );
};
