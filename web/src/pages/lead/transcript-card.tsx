import { useState } from 'react';
import { api } from '../../api.js';
import { ErrorNote } from '../../components/error-note.js';
import { factValue } from '../../components/fact-value.js';
import { dateTime, humanize } from '../../format.js';
import type { Fact, Lead } from '../../types.js';
import { useApi } from '../../use-api.js';
import type { Loaded } from '../../use-api.js';
import { factsByMessage } from './message-facts.js';
import type { LeadConversation, SaidFact } from './message-facts.js';

type Facts = Readonly<Record<string, Fact<unknown> | undefined>>;

/** The lead's facts named by field (`person.title`, `company.name`, `custom.budget`). */
export const leadFacts = (lead: Lead): SaidFact[] =>
  (
    [
      ['person', lead.person as Facts],
      ['company', lead.company as Facts],
      ['custom', lead.custom as Facts],
    ] as const
  ).flatMap(([prefix, facts]) =>
    Object.entries(facts).flatMap(([key, fact]) =>
      fact === undefined ? [] : [{ field: `${prefix}.${key}`, fact }],
    ),
  );

/** Where a message sits in the page: the facts' links scroll to it. */
const anchor = (conversationId: string, seq: number): string => `msg-${conversationId}-${seq}`;

const endingText = (c: LeadConversation): string => {
  if (c.status === 'paused') return `paused until ${c.pausedUntil ?? '—'}`;
  if (c.ending === undefined) return humanize(c.status);
  return `ended: ${humanize(c.ending.kind)}${c.ending.reason === undefined ? '' : ` (${c.ending.reason})`}`;
};

/** One fact the prospect gave: its field, value, the words it was read from, and a link to the message. */
const SaidFactLine = ({
  said,
  conversation,
  seq,
  onShow,
}: {
  readonly said: SaidFact;
  readonly conversation: LeadConversation;
  readonly seq?: number;
  readonly onShow: (seq: number) => void;
}) => {
  const p = said.fact.provenance;
  const confidence = p.source === 'prospect' && p.confidence !== undefined ? p.confidence : undefined;
  const inbound = p.source === 'prospect' ? p.messageIndex : undefined;
  return (
    <li>
      <b>{humanize(said.field)}</b> = {factValue(said.fact.value)}
      {said.fact.raw === undefined ? null : <span className="muted"> — “{said.fact.raw}”</span>}{' '}
      {seq === undefined ? (
        <span className="muted small">
          (message {inbound ?? '?'} of the prospect, not in the transcript of {conversation.channel})
        </span>
      ) : (
        <button type="button" className="link small" onClick={() => onShow(seq)}>
          the prospect said, in message {seq}
        </button>
      )}
      {confidence === undefined ? null : (
        <span className="muted small"> · {Math.round(confidence * 100)} % sure</span>
      )}
    </li>
  );
};

/** What GET /v1/conversations/:id adds: who holds the conversation, and the answers it read. */
interface ConversationView {
  readonly takenOverBy: string | null;
  readonly takenOverAt: string | null;
  readonly answers: Readonly<Record<string, Fact<unknown>>>;
}

/**
 * Who holds the conversation, and a button for a person to take it over from the agent (or hand
 * it back). Absent when the service runs without conversation channels (the route answers 404).
 */
const Holder = ({ id, view }: { readonly id: string; readonly view: Loaded<ConversationView> }) => {
  const [failure, setFailure] = useState<Error>();
  if (view.data === undefined) return null;
  const held = view.data.takenOverBy !== null;
  const toggle = async () => {
    setFailure(undefined);
    try {
      await api(`/v1/conversations/${encodeURIComponent(id)}/takeover`, {
        method: held ? 'DELETE' : 'POST',
        ...(held ? {} : { json: {} }),
      });
      view.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <div className="holder">
      <span className="muted small">
        {held
          ? `Taken over by ${view.data.takenOverBy ?? ''} ${dateTime(view.data.takenOverAt ?? undefined)}: the agent no longer answers`
          : 'The agent answers this conversation'}
      </span>
      <button type="button" className={held ? undefined : 'primary'} onClick={() => void toggle()}>
        {held ? 'Hand back to the agent' : 'Take over'}
      </button>
      <ErrorNote error={failure} />
    </div>
  );
};

/** A conversation's messages in and out with their times; each fact the prospect gave links to its message. */
const Conversation = ({
  conversation,
  lead,
}: {
  readonly conversation: LeadConversation;
  readonly lead: Lead;
}) => {
  const [shown, setShown] = useState<number>();
  const view = useApi<ConversationView>(`/v1/conversations/${encodeURIComponent(conversation.id)}`);
  const { bySeq, unplaced } = factsByMessage(
    view.data === undefined ? conversation : { ...conversation, answers: view.data.answers },
    leadFacts(lead),
  );
  const placed = [...bySeq.entries()].sort((a, b) => a[0] - b[0]);
  const show = (seq: number) => {
    setShown(seq);
    document
      .getElementById(anchor(conversation.id, seq))
      ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  return (
    <div className="conversation" data-conversation={conversation.id}>
      <div className="muted small">
        {humanize(conversation.channel)} · started {dateTime(conversation.createdAt)} ·{' '}
        {endingText(conversation)}
        {conversation.followUps.length === 0
          ? ''
          : ` · ${conversation.followUps.length} question${conversation.followUps.length === 1 ? '' : 's'} for a person`}
      </div>
      <Holder id={conversation.id} view={view} />
      {placed.length + unplaced.length === 0 ? null : (
        <>
          <h3>What the prospect told us</h3>
          <ul className="plain said-facts">
            {placed.flatMap(([seq, facts]) =>
              facts.map((said) => (
                <SaidFactLine
                  key={said.field}
                  said={said}
                  conversation={conversation}
                  seq={seq}
                  onShow={show}
                />
              )),
            )}
            {unplaced.map((said) => (
              <SaidFactLine key={said.field} said={said} conversation={conversation} onShow={show} />
            ))}
          </ul>
        </>
      )}
      <ol className="transcript">
        {conversation.messages.map((m) => (
          <li
            key={m.seq}
            id={anchor(conversation.id, m.seq)}
            className={`message message-${m.direction}${shown === m.seq ? ' message-shown' : ''}`}
            data-seq={m.seq}
          >
            <div className="message-head muted small">
              <b>{m.seq}</b> · {m.direction === 'inbound' ? 'prospect' : 'leadsift'} · {dateTime(m.at)}
            </div>
            <div className="message-text">{m.text}</div>
            {(bySeq.get(m.seq) ?? []).length === 0 ? null : (
              <div className="message-facts small">
                read:{' '}
                {(bySeq.get(m.seq) ?? [])
                  .map((f) => `${humanize(f.field)} = ${factValue(f.fact.value)}`)
                  .join(' · ')}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
};

/** The lead's conversations, oldest first, each with its transcript and what it learned. */
export const TranscriptCard = ({
  conversations,
  lead,
}: {
  readonly conversations: readonly LeadConversation[];
  readonly lead: Lead;
}) =>
  conversations.length === 0 ? null : (
    <div className="card transcript-card">
      <h2>Conversation{conversations.length === 1 ? '' : `s (${conversations.length})`}</h2>
      {conversations.map((c) => (
        <Conversation key={c.id} conversation={c} lead={lead} />
      ))}
    </div>
  );
