import { sql, type Kysely } from 'kysely';
import type { CompanyFacts } from '../../domain/lead.js';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import type { CampaignConfig } from '../../outbound/campaign-config.js';
import type {
  AuditEntry,
  CampaignAccount,
  CampaignContact,
  CampaignMessage,
  CampaignRecord,
  CampaignReply,
  CampaignStatus,
  OutboundStore,
} from '../../outbound/outbound-store.js';
import type { ReplyClass } from '../../outbound/classify-reply.js';
import { describeWriter } from '../../outbound/llm-authorship.js';
import { writeConversation } from './write-conversation.js';
import { guard } from './storage-error.js';
import { chunks, inTransaction, type StoreContext } from './store-context.js';

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** Outbound tables (migration 011). Type aliases: withTables needs index-compatible records. */
type CampaignsTable = {
  id: string;
  name: string;
  config: string;
  status: string;
  pause_reason: string | null;
  prepared_at: string | null;
  created_at: string;
  updated_at: string;
};
type AccountsTable = {
  campaign_id: string;
  domain: string;
  status: string;
  reason: string | null;
  company: string;
};
type ContactsTable = {
  id: string;
  campaign_id: string;
  domain: string;
  token: string;
  status: string;
  created_at: string;
  updated_at: string;
} & Nullable<{
  lead_id: string;
  email: string;
  name: string;
  persona: string;
  reason: string;
  time_zone: string;
  referred_by: string;
  conversation_id: string;
}>;
type MessagesTable = {
  id: string;
  campaign_id: string;
  contact_id: string;
  step: number;
  recipient: string;
  domain: string;
  body: string;
  facts: string;
  status: string;
  due_at: string;
  created_at: string;
} & Nullable<{
  time_zone: string;
  subject: string;
  decided_by: string;
  decided_at: string;
  channel_message_id: string;
  sent_at: string;
  error: string;
  /** Migration 014: the LLM authorship as JSON. */
  written_by: string;
}>;
type RepliesTable = {
  id: string;
  campaign_id: string;
  contact_id: string;
  message_id: string | null;
  channel_message_id: string;
  class: string;
  evidence: string;
  follow_up_on: string | null;
  body: string;
  received_at: string;
  /** Migration 014: who classified it, as JSON. */
  classified_by: string | null;
};
type SuppressionsTable = { address: string; reason: string; source: string; created_at: string };
type AuditTable = {
  id: string;
  campaign_id: string;
  action: string;
  actor: string;
  message_id: string | null;
  recipient: string | null;
  detail: string | null;
  at: string;
};
type OutboundTables = {
  outbound_campaigns: CampaignsTable;
  outbound_accounts: AccountsTable;
  outbound_contacts: ContactsTable;
  outbound_messages: MessagesTable;
  outbound_replies: RepliesTable;
  outbound_suppressions: SuppressionsTable;
  outbound_audit: AuditTable;
};
type Db = Kysely<OutboundTables>;

/** Drops null columns, so that absent optional fields stay absent (exactOptionalPropertyTypes). */
const present = <T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null> } =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };

const campaignOf = (r: CampaignsTable): CampaignRecord =>
  present({
    id: r.id,
    name: r.name,
    config: JSON.parse(r.config) as CampaignConfig,
    status: r.status as CampaignStatus,
    pauseReason: r.pause_reason,
    preparedAt: r.prepared_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }) as CampaignRecord;

const contactOf = (r: ContactsTable): CampaignContact =>
  present({
    id: r.id,
    campaignId: r.campaign_id,
    domain: r.domain,
    leadId: r.lead_id,
    email: r.email,
    name: r.name,
    persona: r.persona,
    status: r.status,
    reason: r.reason,
    timeZone: r.time_zone,
    token: r.token,
    referredBy: r.referred_by,
    conversationId: r.conversation_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }) as CampaignContact;

/** A campaign account as its row. */
const accountRow = (campaignId: string, a: CampaignAccount): AccountsTable => ({
  campaign_id: campaignId,
  domain: a.domain,
  status: a.status,
  reason: a.reason ?? null,
  company: JSON.stringify(a.company),
});

const contactRow = (c: CampaignContact): ContactsTable => ({
  id: c.id,
  campaign_id: c.campaignId,
  domain: c.domain,
  token: c.token,
  status: c.status,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  lead_id: c.leadId ?? null,
  email: c.email ?? null,
  name: c.name ?? null,
  persona: c.persona ?? null,
  reason: c.reason ?? null,
  time_zone: c.timeZone ?? null,
  referred_by: c.referredBy ?? null,
  conversation_id: c.conversationId ?? null,
});

const messageOf = (r: MessagesTable): CampaignMessage =>
  present({
    id: r.id,
    campaignId: r.campaign_id,
    contactId: r.contact_id,
    step: Number(r.step),
    to: r.recipient,
    domain: r.domain,
    timeZone: r.time_zone,
    subject: r.subject,
    text: r.body,
    facts: JSON.parse(r.facts) as CampaignMessage['facts'],
    writtenBy: r.written_by === null ? null : (JSON.parse(r.written_by) as CampaignMessage['writtenBy']),
    status: r.status,
    dueAt: r.due_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    channelMessageId: r.channel_message_id,
    sentAt: r.sent_at,
    error: r.error,
    createdAt: r.created_at,
  }) as CampaignMessage;

const messageRow = (m: CampaignMessage): MessagesTable => ({
  id: m.id,
  campaign_id: m.campaignId,
  contact_id: m.contactId,
  step: m.step,
  recipient: m.to,
  domain: m.domain,
  body: m.text,
  facts: JSON.stringify(m.facts),
  status: m.status,
  due_at: m.dueAt,
  created_at: m.createdAt,
  time_zone: m.timeZone ?? null,
  subject: m.subject ?? null,
  decided_by: m.decidedBy ?? null,
  decided_at: m.decidedAt ?? null,
  channel_message_id: m.channelMessageId ?? null,
  sent_at: m.sentAt ?? null,
  error: m.error ?? null,
  written_by: m.writtenBy === undefined ? null : JSON.stringify(m.writtenBy),
});

const replyOf = (r: RepliesTable): CampaignReply =>
  present({
    id: r.id,
    campaignId: r.campaign_id,
    contactId: r.contact_id,
    messageId: r.message_id,
    channelMessageId: r.channel_message_id,
    class: r.class as ReplyClass,
    evidence: r.evidence,
    followUpOn: r.follow_up_on,
    text: r.body,
    receivedAt: r.received_at,
    classifiedBy:
      r.classified_by === null ? null : (JSON.parse(r.classified_by) as CampaignReply['classifiedBy']),
  }) as CampaignReply;

const auditOf = (r: AuditTable): AuditEntry =>
  present({
    campaignId: r.campaign_id,
    action: r.action,
    actor: r.actor,
    messageId: r.message_id,
    recipient: r.recipient,
    detail: r.detail,
    at: r.at,
  }) as AuditEntry;

const NOT_SENT = ['awaiting_approval', 'queued'];
// Rows per multi-row insert: under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS = 500;

/** The outbound store on the leadsift database (SQLite or PostgreSQL). */
export const kyselyOutboundStore = (ctx: StoreContext): OutboundStore => {
  const db: Db = ctx.db.withTables<OutboundTables>() as unknown as Db;
  const now = (): string => isoNow(ctx.clock);
  const audit = (tx: Db, entry: AuditEntry) =>
    tx
      .insertInto('outbound_audit')
      .values({
        id: ctx.newId(),
        campaign_id: entry.campaignId,
        action: entry.action,
        actor: entry.actor,
        message_id: entry.messageId ?? null,
        recipient: entry.recipient ?? null,
        detail: entry.detail ?? null,
        at: entry.at,
      })
      .execute();
  const write = <T>(what: string, work: (tx: Db) => Promise<T>): Promise<T> =>
    inTransaction(ctx, what, (trx) => work(trx.withTables<OutboundTables>() as unknown as Db));
  const insertMessages = async (tx: Db, messages: readonly CampaignMessage[]) => {
    for (const part of chunks(messages, ROWS))
      if (part.length > 0) await tx.insertInto('outbound_messages').values(part.map(messageRow)).execute();
  };
  // A reply, unless this channel message was recorded already (a redelivery): whether it was new.
  const insertReply = async (tx: Db, reply: CampaignReply): Promise<boolean> => {
    const inserted = await tx
      .insertInto('outbound_replies')
      .values({
        id: reply.id,
        campaign_id: reply.campaignId,
        contact_id: reply.contactId,
        message_id: reply.messageId ?? null,
        channel_message_id: reply.channelMessageId,
        class: reply.class,
        evidence: reply.evidence,
        follow_up_on: reply.followUpOn ?? null,
        body: reply.text,
        received_at: reply.receivedAt,
        classified_by: reply.classifiedBy === undefined ? null : JSON.stringify(reply.classifiedBy),
      })
      .onConflict((oc) => oc.columns(['contact_id', 'channel_message_id']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  };
  const getMessage = async (tx: Db, id: string) => {
    const row = await tx.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : messageOf(row);
  };

  return {
    createCampaign: (c, actor) =>
      write(`create campaign ${c.id}`, async (tx) => {
        const at = now();
        const exists = await tx
          .selectFrom('outbound_campaigns')
          .select('id')
          .where('id', '=', c.id)
          .executeTakeFirst();
        if (exists !== undefined)
          throw new AppError('CONFLICT', { message: `a campaign ${c.id} exists already; choose another id` });
        await tx
          .insertInto('outbound_campaigns')
          .values({
            id: c.id,
            name: c.name,
            config: JSON.stringify(c.config),
            status: 'draft',
            pause_reason: null,
            prepared_at: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await audit(tx, { campaignId: c.id, action: 'created', actor, at, detail: `mode ${c.config.mode}` });
      }),
    getCampaign: (id) =>
      guard(`read campaign ${id}`, async () => {
        const row = await db
          .selectFrom('outbound_campaigns')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        return row === undefined ? undefined : campaignOf(row);
      }),
    listCampaigns: () =>
      guard('list campaigns', async () =>
        (
          await db.selectFrom('outbound_campaigns').selectAll().orderBy('created_at').orderBy('id').execute()
        ).map(campaignOf),
      ),
    setStatus: (id, status, reason, actor) =>
      write(`set campaign ${id} ${status}`, async (tx) => {
        const at = now();
        const result = await tx
          .updateTable('outbound_campaigns')
          .set({ status, pause_reason: status === 'paused' ? (reason ?? null) : null, updated_at: at })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0)
          throw new AppError('NOT_FOUND', { message: `no campaign ${id}` });
        await audit(tx, {
          campaignId: id,
          action: status,
          actor,
          at,
          ...(reason === undefined ? {} : { detail: reason }),
        });
      }),
    savePrepared: (campaignId, prepared) =>
      write(`store the prepared campaign ${campaignId}`, async (tx) => {
        const at = now();
        for (const part of chunks(prepared.accounts, ROWS))
          await tx
            .insertInto('outbound_accounts')
            .values(part.map((a) => accountRow(campaignId, a)))
            .onConflict((oc) => oc.columns(['campaign_id', 'domain']).doNothing())
            .execute();
        for (const part of chunks(prepared.contacts, ROWS))
          await tx.insertInto('outbound_contacts').values(part.map(contactRow)).execute();
        await insertMessages(tx, prepared.messages);
        await tx
          .updateTable('outbound_campaigns')
          .set({ prepared_at: at, updated_at: at })
          .where('id', '=', campaignId)
          .execute();
        await audit(tx, {
          campaignId,
          action: 'prepared',
          actor: 'leadsift',
          at,
          detail: `${prepared.accounts.filter((a) => a.status === 'reached').length} accounts reached, ${prepared.contacts.filter((c) => c.status === 'active').length} contacts, ${prepared.messages.length} first messages`,
        });
      }),
    savePreparedPage: (campaignId, page) =>
      write(`store a page of the prepared campaign ${campaignId}`, async (tx) => {
        const domains = [...new Set(page.accounts.map((a) => a.domain))];
        const written = new Set<string>();
        for (const part of chunks(domains, ROWS)) {
          if (part.length === 0) continue;
          await tx
            .deleteFrom('outbound_accounts')
            .where('campaign_id', '=', campaignId)
            .where('domain', 'in', part)
            .where('status', '=', 'failed')
            .execute();
        }
        for (const part of chunks(page.accounts, ROWS)) {
          if (part.length === 0) continue;
          const rows = await tx
            .insertInto('outbound_accounts')
            .values(part.map((a) => accountRow(campaignId, a)))
            .onConflict((oc) => oc.columns(['campaign_id', 'domain']).doNothing())
            .returning('domain')
            .execute();
          for (const r of rows) written.add(r.domain);
        }
        const contacts = page.contacts.filter((c) => written.has(c.domain));
        const kept = new Set(contacts.map((c) => c.id));
        for (const part of chunks(contacts, ROWS))
          if (part.length > 0)
            await tx.insertInto('outbound_contacts').values(part.map(contactRow)).execute();
        await insertMessages(
          tx,
          page.messages.filter((m) => kept.has(m.contactId)),
        );
        return written;
      }),
    preparedAccounts: (campaignId, domains) =>
      guard(`read the prepared accounts of campaign ${campaignId}`, async () => {
        const out = new Map<string, { status: 'reached' | 'skipped'; reason?: string }>();
        for (const part of chunks([...new Set(domains)], ROWS)) {
          if (part.length === 0) continue;
          const rows = await db
            .selectFrom('outbound_accounts')
            .select(['domain', 'status', 'reason'])
            .where('campaign_id', '=', campaignId)
            .where('domain', 'in', part)
            .where('status', 'in', ['reached', 'skipped'])
            .execute();
          for (const r of rows)
            out.set(r.domain, {
              status: r.status === 'reached' ? 'reached' : 'skipped',
              ...(r.reason === null ? {} : { reason: r.reason }),
            });
        }
        return out;
      }),
    markPrepared: (campaignId, detail) =>
      write(`mark campaign ${campaignId} prepared`, async (tx) => {
        const at = now();
        await tx
          .updateTable('outbound_campaigns')
          .set({ prepared_at: at, updated_at: at })
          .where('id', '=', campaignId)
          .execute();
        await audit(tx, { campaignId, action: 'prepared', actor: 'leadsift', at, detail });
      }),
    listAccounts: (campaignId) =>
      guard(`list the accounts of campaign ${campaignId}`, async () =>
        (
          await db
            .selectFrom('outbound_accounts')
            .selectAll()
            .where('campaign_id', '=', campaignId)
            .orderBy('domain')
            .execute()
        ).map(
          (r) =>
            present({
              domain: r.domain,
              status: r.status as CampaignAccount['status'],
              reason: r.reason,
              company: JSON.parse(r.company) as CampaignAccount['company'],
            }) as CampaignAccount,
        ),
      ),
    accountFacts: (campaignId, domains) =>
      guard(`read the accounts of campaign ${campaignId}`, async () => {
        const out = new Map<string, CompanyFacts>();
        for (const part of chunks([...new Set(domains)], ROWS)) {
          if (part.length === 0) continue;
          const rows = await db
            .selectFrom('outbound_accounts')
            .select(['domain', 'company'])
            .where('campaign_id', '=', campaignId)
            .where('domain', 'in', part)
            .execute();
          for (const r of rows) out.set(r.domain, JSON.parse(r.company) as CompanyFacts);
        }
        return out;
      }),
    listContacts: (campaignId) =>
      guard(`list the contacts of campaign ${campaignId}`, async () =>
        (
          await db
            .selectFrom('outbound_contacts')
            .selectAll()
            .where('campaign_id', '=', campaignId)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        ).map(contactOf),
      ),
    getContact: (id) =>
      guard(`read contact ${id}`, async () => {
        const row = await db
          .selectFrom('outbound_contacts')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        return row === undefined ? undefined : contactOf(row);
      }),
    contactByToken: (token) =>
      guard('find a contact by unsubscribe token', async () => {
        const row = await db
          .selectFrom('outbound_contacts')
          .selectAll()
          .where('token', '=', token)
          .executeTakeFirst();
        return row === undefined ? undefined : contactOf(row);
      }),
    contactsByEmail: (email) =>
      guard(`find contacts at ${email}`, async () =>
        (
          await db
            .selectFrom('outbound_contacts')
            .selectAll()
            .where('email', '=', email.toLowerCase())
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .execute()
        ).map(contactOf),
      ),
    contactsByPhone: (phone) =>
      guard(`find contacts at ${phone}`, async () => {
        // A contact keeps no number of its own: the ones its messages were addressed to are it.
        const ids = await db
          .selectFrom('outbound_messages')
          .select('contact_id')
          .distinct()
          .where('recipient', '=', phone)
          .execute();
        if (ids.length === 0) return [];
        return (
          await db
            .selectFrom('outbound_contacts')
            .selectAll()
            .where(
              'id',
              'in',
              ids.map((r) => r.contact_id),
            )
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .execute()
        ).map(contactOf);
      }),
    addContact: (contact) =>
      write(`add contact ${contact.id}`, async (tx) => {
        await tx.insertInto('outbound_contacts').values(contactRow(contact)).execute();
      }),
    updateContact: (id, patch) =>
      write(`update contact ${id}`, async (tx) => {
        await tx
          .updateTable('outbound_contacts')
          .set({
            updated_at: now(),
            ...(patch.status === undefined ? {} : { status: patch.status }),
            ...(patch.reason === undefined ? {} : { reason: patch.reason }),
            ...(patch.conversationId === undefined ? {} : { conversation_id: patch.conversationId }),
            ...(patch.leadId === undefined ? {} : { lead_id: patch.leadId }),
            ...(patch.timeZone === undefined ? {} : { time_zone: patch.timeZone }),
          })
          .where('id', '=', id)
          .execute();
      }),
    addMessages: (messages) =>
      write('add campaign messages', async (tx) => {
        await insertMessages(tx, messages);
        for (const m of messages)
          await audit(tx, {
            campaignId: m.campaignId,
            action: m.status === 'awaiting_approval' ? 'written: awaiting approval' : 'written: queued',
            actor: 'leadsift',
            messageId: m.id,
            recipient: m.to,
            at: m.createdAt,
            detail: `step ${m.step + 1}, due ${m.dueAt}`,
          });
      }),
    getMessage: (id) => guard(`read message ${id}`, () => getMessage(db, id)),
    listMessages: (campaignId, filter = {}) =>
      guard(`list the messages of campaign ${campaignId}`, async () => {
        let q = db.selectFrom('outbound_messages').selectAll().where('campaign_id', '=', campaignId);
        if (filter.status !== undefined) q = q.where('status', '=', filter.status);
        if (filter.contactId !== undefined) q = q.where('contact_id', '=', filter.contactId);
        if (filter.sentAfter !== undefined) q = q.where('sent_at', '>', filter.sentAfter);
        return (await q.orderBy('due_at').orderBy('id').execute()).map(messageOf);
      }),
    messageByChannelId: (channelMessageId) =>
      guard('find a message by its channel id', async () => {
        const row = await db
          .selectFrom('outbound_messages')
          .selectAll()
          .where('channel_message_id', '=', channelMessageId)
          .executeTakeFirst();
        return row === undefined ? undefined : messageOf(row);
      }),
    decideMessage: (id, decision, actor) =>
      write(`${decision} message ${id}`, async (tx) => {
        const at = now();
        const before = await getMessage(tx, id);
        if (before === undefined) throw new AppError('NOT_FOUND', { message: `no campaign message ${id}` });
        if (before.status !== 'awaiting_approval')
          throw new AppError('CONFLICT', {
            message: `message ${id} is ${before.status.replace('_', ' ')}${before.decidedBy === undefined ? '' : ` (by ${before.decidedBy})`}, not awaiting approval`,
          });
        const status = decision === 'approve' ? 'queued' : 'rejected';
        await tx
          .updateTable('outbound_messages')
          .set({ status, decided_by: actor, decided_at: at })
          .where('id', '=', id)
          .where('status', '=', 'awaiting_approval')
          .execute();
        await audit(tx, {
          campaignId: before.campaignId,
          action: decision === 'approve' ? 'approved' : 'rejected',
          actor,
          messageId: id,
          recipient: before.to,
          at,
        });
        return { ...before, status, decidedBy: actor, decidedAt: at };
      }),
    markSent: (id, sent) =>
      write(`record message ${id} as sent`, async (tx) => {
        const before = await getMessage(tx, id);
        if (before === undefined) throw new AppError('NOT_FOUND', { message: `no campaign message ${id}` });
        await tx
          .updateTable('outbound_messages')
          .set({
            status: 'sent',
            channel_message_id: sent.channelMessageId,
            sent_at: sent.sentAt,
            error: null,
          })
          .where('id', '=', id)
          .execute();
        await audit(tx, {
          campaignId: before.campaignId,
          action: 'sent',
          actor: before.decidedBy ?? 'autonomous',
          messageId: id,
          recipient: before.to,
          at: sent.sentAt,
          detail: `approved by ${before.decidedBy ?? 'autonomous mode (within the campaign limits)'}; ${describeWriter(before.writtenBy)}; ${sent.channelMessageId}`,
        });
      }),
    markFailed: (id, error) =>
      write(`record message ${id} as failed`, async (tx) => {
        const before = await getMessage(tx, id);
        if (before === undefined) throw new AppError('NOT_FOUND', { message: `no campaign message ${id}` });
        await tx
          .updateTable('outbound_messages')
          .set({ status: 'failed', error })
          .where('id', '=', id)
          .execute();
        await audit(tx, {
          campaignId: before.campaignId,
          action: 'failed',
          actor: 'leadsift',
          messageId: id,
          recipient: before.to,
          at: now(),
          detail: error,
        });
      }),
    cancelPending: (contactId, reason) =>
      write(`cancel the pending messages of contact ${contactId}`, async (tx) => {
        const result = await tx
          .updateTable('outbound_messages')
          .set({ status: 'cancelled', error: reason })
          .where('contact_id', '=', contactId)
          .where('status', 'in', NOT_SENT)
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),
    reschedulePending: (contactId, dueAt) =>
      write(`reschedule the messages of contact ${contactId}`, async (tx) => {
        const result = await tx
          .updateTable('outbound_messages')
          .set({ due_at: dueAt })
          .where('contact_id', '=', contactId)
          .where('status', 'in', NOT_SENT)
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      }),
    addReply: (reply) =>
      write(`store a reply to campaign ${reply.campaignId}`, (tx) => insertReply(tx, reply)),
    handOver: (h) =>
      write(`hand contact ${h.reply.contactId} over to conversation ${h.link.conversationId}`, async (tx) => {
        if (!(await insertReply(tx, h.reply))) return false;
        await tx
          .updateTable('outbound_messages')
          .set({ status: 'cancelled', error: h.reason })
          .where('contact_id', '=', h.reply.contactId)
          .where('status', 'in', NOT_SENT)
          .execute();
        await tx
          .updateTable('outbound_contacts')
          .set({
            status: 'handed_over',
            conversation_id: h.link.conversationId,
            reason: h.reason,
            updated_at: now(),
          })
          .where('id', '=', h.reply.contactId)
          .execute();
        await writeConversation(tx, h.conversation.state, h.conversation.messages, h.link, now());
        await audit(tx, h.audit);
        return true;
      }),
    campaignHealth: (campaignId) =>
      guard(`count the sends, bounces and complaints of campaign ${campaignId}`, async () => {
        const [sent, refused, bounced, complaints] = await Promise.all([
          db
            .selectFrom('outbound_messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow(),
          db
            .selectFrom('outbound_messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaignId)
            .where('status', '=', 'failed')
            .where(sql<string>`substr(error, 1, 7)`, '=', 'bounced')
            .executeTakeFirstOrThrow(),
          db
            .selectFrom('outbound_replies')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaignId)
            .where('class', '=', 'bounce')
            .executeTakeFirstOrThrow(),
          db
            .selectFrom('outbound_audit')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaignId)
            .where('action', '=', 'complaint')
            .executeTakeFirstOrThrow(),
        ]);
        const outright = Number(refused.n);
        return {
          sent: Number(sent.n) + outright,
          bounced: Number(bounced.n) + outright,
          complaints: Number(complaints.n),
        };
      }),
    listReplies: (campaignId) =>
      guard(`list the replies of campaign ${campaignId}`, async () =>
        (
          await db
            .selectFrom('outbound_replies')
            .selectAll()
            .where('campaign_id', '=', campaignId)
            .orderBy('received_at')
            .orderBy('id')
            .execute()
        ).map(replyOf),
      ),
    suppress: (address, reason, source) =>
      write(`suppress ${address}`, async (tx) => {
        await tx
          .insertInto('outbound_suppressions')
          .values({ address: address.toLowerCase(), reason, source, created_at: now() })
          .onConflict((oc) => oc.column('address').doNothing())
          .execute();
      }),
    suppressed: (addresses) =>
      guard('read the suppression list', async () => {
        const keys = new Map<string, string[]>();
        for (const a of addresses) {
          const lower = a.toLowerCase();
          for (const k of [lower, `@${lower.slice(lower.lastIndexOf('@') + 1)}`])
            keys.set(k, [...(keys.get(k) ?? []), a]);
        }
        const out = new Set<string>();
        for (const part of chunks([...keys.keys()], ROWS)) {
          if (part.length === 0) continue;
          const rows = await db
            .selectFrom('outbound_suppressions')
            .select('address')
            .where('address', 'in', part)
            .execute();
          for (const r of rows) for (const a of keys.get(r.address) ?? []) out.add(a);
        }
        return out;
      }),
    leadsByEmail: (emails) =>
      guard('find stored leads by address', async () => {
        const out = new Map<string, { leadId: string; owner?: string }>();
        const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
        for (const part of chunks(lower, ROWS)) {
          if (part.length === 0) continue;
          const rows = await ctx.db
            .selectFrom('leads')
            .leftJoin('lead_latest', 'lead_latest.lead_id', 'leads.id')
            .select([
              'leads.id',
              'leads.email_normalized',
              'lead_latest.owner_name',
              'lead_latest.destination',
            ])
            .where('leads.email_normalized', 'in', part)
            .execute();
          for (const r of rows) {
            if (r.email_normalized === null) continue;
            const owner = r.destination === 'ae' && r.owner_name !== null ? r.owner_name : undefined;
            const known = out.get(r.email_normalized);
            if (known?.owner !== undefined) continue;
            out.set(r.email_normalized, { leadId: r.id, ...(owner === undefined ? {} : { owner }) });
          }
        }
        return out;
      }),
    leadIdsAtDomains: (domains) =>
      guard('find stored leads by company domain', async () => {
        const out = new Map<string, string[]>();
        for (const part of chunks([...new Set(domains)], ROWS)) {
          if (part.length === 0) continue;
          const rows = await ctx.db
            .selectFrom('leads')
            .select(['id', 'company_domain'])
            .where('company_domain', 'in', part)
            .orderBy('id')
            .execute();
          for (const r of rows)
            if (r.company_domain !== null)
              out.set(r.company_domain, [...(out.get(r.company_domain) ?? []), r.id]);
        }
        return out;
      }),
    audit: (campaignId) =>
      guard(`read the audit log of campaign ${campaignId}`, async () =>
        (
          await db
            .selectFrom('outbound_audit')
            .selectAll()
            .where('campaign_id', '=', campaignId)
            .orderBy('at')
            .orderBy('id')
            .execute()
        ).map(auditOf),
      ),
    addAudit: (entry) =>
      write('add to the audit log', async (tx) => {
        await audit(tx, entry);
      }),
  };
};
