import { useState } from 'react';
import { api } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { Stat } from '../components/stat.js';
import { dateTime, humanize, percent } from '../format.js';
import { useApi } from '../use-api.js';

/** A campaign as `GET /v1/campaigns` lists it. */
interface CampaignSummary {
  readonly id: string;
  readonly name: string;
  readonly mode: 'review' | 'autonomous';
  readonly status: 'draft' | 'active' | 'paused';
  readonly pauseReason?: string;
}

/** `GET /v1/campaigns/:id/results`. */
interface CampaignResults {
  readonly accounts: { targeted: number; qualified: number; reached: number };
  readonly contacts: {
    found: number;
    inSequence: number;
    skipped: number;
    /** Skipped contacts per reason (e.g. no consent to text messages). */
    skippedFor?: Record<string, number>;
    referred: number;
  };
  readonly messages: { sent: number; awaitingApproval: number; queued: number; failed: number };
  readonly replies: {
    contacts: number;
    rate: number;
    byClass: Record<string, { count: number; rate: number }>;
  };
  readonly qualifiedLeads: number;
  readonly meetingsBooked: number;
  readonly suppressed: number;
  readonly hoursToMeeting: { median?: number };
}

/** A message waiting for approval, with the facts it was written from. */
interface PendingMessage {
  readonly id: string;
  readonly to: string;
  readonly name?: string;
  readonly persona?: string;
  readonly step: number;
  readonly subject?: string;
  readonly text: string;
  readonly dueAt: string;
  readonly facts: readonly {
    field: string;
    value: unknown;
    provenance: { source: string; provider?: string };
  }[];
  /** With `--llm`: written by the model, or the template and why the model's text was not used. */
  readonly writtenBy?: { by: 'llm' | 'template'; model?: string; prompt?: string; fallback?: string };
}

/** Who wrote a message, for the approver: the model (which, with which prompt) or the template and why. */
const authorOf = (m: PendingMessage): string | undefined =>
  m.writtenBy === undefined
    ? undefined
    : m.writtenBy.by === 'llm'
      ? `Written by ${m.writtenBy.model ?? 'the model'} (${m.writtenBy.prompt ?? 'prompt'}), checked against the facts`
      : `The template's words — ${m.writtenBy.model ?? 'the model'}'s were not used: ${m.writtenBy.fallback ?? 'no reason given'}`;

const sayFact = (value: unknown): string =>
  typeof value === 'object' && value !== null && 'min' in value
    ? `${String((value as { min: number }).min)}–${String((value as { max?: number }).max ?? '+')}`
    : String(value);

/** One campaign: its results, pause/resume, and the messages waiting for a person. */
const CampaignView = ({
  campaign,
  onChange,
}: {
  readonly campaign: CampaignSummary;
  readonly onChange: () => void;
}) => {
  const results = useApi<CampaignResults>(`/v1/campaigns/${campaign.id}/results`);
  const queue = useApi<{ total: number; messages: PendingMessage[] }>(
    `/v1/campaigns/${campaign.id}/messages?status=awaiting_approval`,
  );
  const [failure, setFailure] = useState<Error>();
  const act = async (path: string, json: unknown = {}) => {
    setFailure(undefined);
    try {
      await api(`/v1/campaigns/${campaign.id}/${path}`, { method: 'POST', json });
      results.reload();
      queue.reload();
      onChange();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const decide = (decision: 'approve' | 'reject', ids: readonly string[]) =>
    ids.length === 0 ? Promise.resolve() : act('messages/decisions', { decision, ids });
  const r = results.data;
  const classes = Object.entries(r?.replies.byClass ?? {}).filter(([, v]) => v.count > 0);
  const pending = queue.data?.messages ?? [];
  return (
    <div className="card" data-campaign={campaign.id}>
      <div className="page-head">
        <h2>
          {campaign.name}{' '}
          <span className="muted small">
            ({campaign.mode} mode, {campaign.status})
          </span>
        </h2>
        {campaign.status === 'active' ? (
          <button type="button" onClick={() => void act('pause', { reason: 'paused from the dashboard' })}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => void act('resume')}>
            {campaign.status === 'draft' ? 'Start' : 'Resume'}
          </button>
        )}
      </div>
      {campaign.pauseReason === undefined ? null : <p className="muted">Paused: {campaign.pauseReason}</p>}
      <ErrorNote error={failure ?? results.error ?? queue.error} />
      <div className="stats">
        <Stat
          label="Accounts reached"
          value={r === undefined ? '—' : `${r.accounts.reached} / ${r.accounts.targeted}`}
          hint={r === undefined ? '' : `${r.accounts.qualified} qualified`}
        />
        <Stat
          label="Contacts found"
          value={String(r?.contacts.found ?? '—')}
          hint={r === undefined ? '' : `${r.contacts.skipped} skipped, ${r.contacts.referred} referred`}
        />
        <Stat
          label="Messages sent"
          value={String(r?.messages.sent ?? '—')}
          hint={r === undefined ? '' : `${r.messages.awaitingApproval} awaiting approval`}
        />
        <Stat
          label="Reply rate"
          value={r === undefined ? '—' : percent(r.replies.rate, 1)}
          testId="reply-rate"
        />
        <Stat label="Qualified leads" value={String(r?.qualifiedLeads ?? '—')} />
        <Stat
          label="Meetings booked"
          value={String(r?.meetingsBooked ?? '—')}
          hint={
            r?.hoursToMeeting.median === undefined
              ? ''
              : `median ${r.hoursToMeeting.median} h from first message to the meeting`
          }
        />
      </div>
      {classes.length === 0 ? null : (
        <p className="muted">
          Replies: {classes.map(([k, v]) => `${humanize(k)} ${v.count} (${percent(v.rate, 1)})`).join(' · ')}
        </p>
      )}
      {Object.keys(r?.contacts.skippedFor ?? {}).length === 0 ? null : (
        <p className="muted" data-testid="skipped-for">
          Skipped:{' '}
          {Object.entries(r?.contacts.skippedFor ?? {})
            .map(([reason, count]) => `${reason} ${count}`)
            .join(' · ')}
        </p>
      )}
      <div className="page-head">
        <h3>Waiting for approval ({queue.data?.total ?? 0})</h3>
        {pending.length === 0 ? null : (
          <button
            type="button"
            onClick={() =>
              void decide(
                'approve',
                pending.map((m) => m.id),
              )
            }
          >
            Approve all shown
          </button>
        )}
      </div>
      {pending.map((m) => (
        <article key={m.id} className="card" data-message={m.id}>
          <div className="muted small">
            To {m.name ?? m.to} &lt;{m.to}&gt;{m.persona === undefined ? '' : ` · ${m.persona}`} · message{' '}
            {m.step + 1} · due {dateTime(m.dueAt)}
          </div>
          {m.subject === undefined ? null : <strong>{m.subject}</strong>}
          <pre className="message-text">{m.text}</pre>
          <div className="muted small">
            Written from:{' '}
            {m.facts
              .map(
                (f) => `${f.field} = ${sayFact(f.value)} (${f.provenance.provider ?? f.provenance.source})`,
              )
              .join('; ')}
          </div>
          {authorOf(m) === undefined ? null : (
            <div className="muted small" data-written-by={m.writtenBy?.by}>
              {authorOf(m)}
            </div>
          )}
          <button type="button" onClick={() => void decide('approve', [m.id])}>
            Approve
          </button>{' '}
          <button type="button" onClick={() => void decide('reject', [m.id])}>
            Reject
          </button>
        </article>
      ))}
    </div>
  );
};

/** Outbound campaigns (issue 11): each campaign's results and its approval queue. */
export const CampaignsPage = () => {
  const list = useApi<{ campaigns: CampaignSummary[] }>('/v1/campaigns');
  const campaigns = list.data?.campaigns ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Campaigns</h1>
        <span className="muted">create and prepare with leadsift campaign create | prepare</span>
      </div>
      <ErrorNote error={list.error} />
      {list.data !== undefined && campaigns.length === 0 ? <p className="muted">No campaigns yet.</p> : null}
      {campaigns.map((c) => (
        <CampaignView key={c.id} campaign={c} onChange={list.reload} />
      ))}
    </section>
  );
};
