import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { api } from '../api.js';
import { BarChart } from '../components/chart.js';
import { ErrorNote } from '../components/error-note.js';
import { ReasonList } from '../components/reason-list.js';
import { ScoreBar, VerdictBadge } from '../components/verdict-badge.js';
import { dateTime, humanize, leadName } from '../format.js';
import type { Activity, Decision, Job, Lead, Outcome, Reason, Touch } from '../types.js';
import { useApi } from '../use-api.js';
import { FactsCard } from './lead/facts-card.js';
import { DeliveriesCard, RoutesCard, TimelineCard } from './lead/history-cards.js';
import type { LeadConversation } from './lead/message-facts.js';
import { TranscriptCard } from './lead/transcript-card.js';

interface LeadDetail {
  lead: Lead;
  decisions: Decision[];
  routes: Touch[];
  events: Activity[];
  outcomes: Outcome[];
  deliveries: Job[];
  conversations?: LeadConversation[];
}

const effectChart = (reasons: readonly Reason[]): ChartConfiguration<'bar'> => ({
  type: 'bar',
  data: {
    labels: reasons.map((r) => (r.text.length > 48 ? `${r.text.slice(0, 47)}…` : r.text)),
    datasets: [
      {
        label: 'effect on the score',
        data: reasons.map((r) => r.effect),
        backgroundColor: reasons.map((r) => (r.effect >= 0 ? '#16a34a' : '#dc2626')),
        borderRadius: 3,
      },
    ],
  },
  options: {
    indexAxis: 'y',
    plugins: { legend: { display: false } },
    scales: { x: { grid: { color: '#eef0f4' } }, y: { grid: { display: false } } },
  },
});

/** One lead: facts with provenance, its decision and reasons, conversations, routes, events, deliveries; accept, reject, requalify. */
export const LeadPage = ({ id }: { readonly id: string }) => {
  const detail = useApi<LeadDetail>(`/v1/leads/${encodeURIComponent(id)}`);
  const [note, setNote] = useState<string>();
  const [failure, setFailure] = useState<Error>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const latest = detail.data?.decisions.at(-1);
  const modelFactors = useMemo(
    () => latest?.reasons.filter((r) => r.kind === 'model' && r.effect !== 0) ?? [],
    [latest],
  );
  const scored = useMemo(() => latest?.reasons.filter((r) => r.effect !== 0) ?? [], [latest]);
  const chartReasons = modelFactors.length > 0 ? modelFactors : scored;
  const chart = useMemo(() => effectChart(chartReasons), [chartReasons]);

  const act = async (what: string, call: () => Promise<unknown>) => {
    setFailure(undefined);
    setNote(undefined);
    try {
      await call();
      setNote(what);
      detail.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const outcome = (type: 'accepted' | 'rejected', why?: string) =>
    api('/v1/outcomes', {
      method: 'POST',
      json: { leadId: id, type, ...(why === undefined ? {} : { reason: why }) },
    });

  if (detail.data === undefined)
    return detail.error === undefined ? (
      <p className="muted">Loading…</p>
    ) : (
      <ErrorNote error={detail.error} />
    );
  const { lead, decisions, routes, events, outcomes, deliveries, conversations = [] } = detail.data;
  return (
    <section className="lead-page">
      <a href="#/leads" className="back">
        ← Leads
      </a>
      <div className="page-head">
        <div>
          <h1>{leadName(lead)}</h1>
          <div className="muted">
            {[lead.person.title?.value, lead.company.name?.value, lead.person.email?.value]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              void act('Requalification queued', () =>
                api(`/v1/leads/${id}/requalify?wait=true`, { method: 'POST' }),
              )
            }
          >
            Requalify
          </button>
          <button
            type="button"
            className="good"
            onClick={() => void act('Accepted: recorded as an outcome', () => outcome('accepted'))}
          >
            Accept
          </button>
          <button type="button" className="bad" onClick={() => setRejecting((r) => !r)}>
            Reject…
          </button>
        </div>
      </div>
      {rejecting ? (
        <form
          className="card reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('Rejected: recorded as an outcome', () => outcome('rejected', reason.trim())).then(() =>
              setRejecting(false),
            );
          }}
        >
          <label htmlFor="reject-reason">Why is this lead not for sales?</label>
          <input
            id="reject-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. no budget this year"
            autoFocus
          />
          <button type="submit" className="bad" disabled={reason.trim() === ''}>
            Reject with this reason
          </button>
        </form>
      ) : null}
      {note === undefined ? null : <div className="ok-note">{note}</div>}
      <ErrorNote error={failure} />

      <div className="grid-2">
        <div className="card">
          <h2>Decision</h2>
          {latest === undefined ? (
            <p className="muted">Not decided yet.</p>
          ) : (
            <>
              <div className="decision-summary">
                <VerdictBadge verdict={latest.verdict} />
                <ScoreBar score={latest.score} />
                <span className="kv">
                  grade <b>{latest.grade}</b>
                </span>
                <span className="kv">
                  fit <b>{latest.fit.score}</b> ({latest.fit.grade})
                </span>
                <span className="kv">
                  intent <b>{latest.intent.score}</b> ({latest.intent.grade})
                </span>
                {latest.playbook === undefined ? null : (
                  <span className="kv">
                    playbook <b>{latest.playbook}</b>
                  </span>
                )}
              </div>
              <ReasonList reasons={latest.reasons} facts />
              {latest.missing.length === 0 ? null : (
                <>
                  <h3>Missing</h3>
                  <ul className="plain">
                    {latest.missing.map((m) => (
                      <li key={m.field}>
                        <b>{humanize(m.field)}</b> — {m.how === 'ask' ? `ask: ${m.question ?? ''}` : 'enrich'}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <div className="muted small">
                Decided {dateTime(latest.decidedAt)} · criteria {latest.versions.criteria}
                {latest.versions.model === undefined ? '' : ` · model ${latest.versions.model}`} ·{' '}
                {decisions.length} decision
                {decisions.length === 1 ? '' : 's'}
              </div>
            </>
          )}
        </div>
        <div className="card">
          <h2>{modelFactors.length > 0 ? 'Model factors' : 'What moved the score'}</h2>
          {latest?.model === undefined ? null : (
            <p className="muted small">
              The model puts the chance of converting at <b>{Math.round(latest.model.probability * 100)} %</b>{' '}
              ({humanize(latest.model.verdict)}
              {latest.model.effect === 'none' ? '' : `, ${latest.model.effect} the verdict`}).
            </p>
          )}
          {chartReasons.length === 0 ? (
            <p className="muted">No scored reasons.</p>
          ) : (
            <BarChart
              config={chart}
              label="Effect of each reason on the score"
              height={Math.max(140, chartReasons.length * 30 + 40)}
            />
          )}
        </div>
      </div>

      <TranscriptCard conversations={conversations} lead={lead} />

      <div className="grid-2">
        <FactsCard lead={lead} />
        <div>
          <RoutesCard routes={routes} />
          <DeliveriesCard deliveries={deliveries} />
          <TimelineCard events={events} outcomes={outcomes} decisions={decisions} />
        </div>
      </div>
    </section>
  );
};
