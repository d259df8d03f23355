import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { IntakeContext } from '../intake/intake-record.js';
import type { CampaignConfig } from './campaign-config.js';
import type { ProspectingWaterfall } from './find-contacts.js';
import { lookUpAccount, type LookedUpAccount } from './look-up-account.js';
import type { OutboundStore } from './outbound-store.js';
import type { CampaignLlm } from './llm-campaign.js';
import { personalizeMessages } from './llm-write-message.js';
import type { PeopleSearch } from './people-search.js';
import { planPage, type MessageWriter, type SkippedContact } from './plan-page.js';
import type { TargetAccount } from './read-target-accounts.js';
import { runPool } from './run-pool.js';

/** What preparing a campaign needs: the stores, the criteria, the people search and the waterfall. */
export interface PrepareDeps {
  readonly store: OutboundStore;
  readonly leads: LeadStore;
  readonly clock: Clock;
  readonly newId: () => string;
  /** The secret of each contact's unsubscribe link. */
  readonly newToken: () => string;
  readonly criteria: LoadedCriteria;
  readonly people?: PeopleSearch;
  readonly waterfall?: ProspectingWaterfall;
  /** Accounts looked up at once (default 8). */
  readonly concurrency?: number;
  /** How first messages are written (default `renderStep`: the template over stored facts). */
  readonly writeMessage?: MessageWriter;
  /** Accounts read, looked up and stored together (default 200). */
  readonly pageSize?: number;
  /** A language model rewriting the first messages (checked; the template's otherwise). */
  readonly llm?: CampaignLlm;
}

/** An account left out or failed, with why. */
export interface AccountNote {
  readonly domain: string;
  readonly reason: string;
}

/**
 * What preparing did. The counts add up: `accounts` (the targets read) = `reached` + `skipped` +
 * `failed`, each skipped and failed account listed with its reason; `resumed` of them an earlier,
 * interrupted prepare had finished (they are not looked up again). `contacts` and `messages` are
 * what this run wrote.
 */
export interface PrepareReport {
  readonly accounts: number;
  readonly reached: number;
  readonly skipped: number;
  readonly failed: number;
  readonly resumed: number;
  readonly contacts: number;
  readonly messages: number;
  readonly skippedAccounts: readonly AccountNote[];
  /** Accounts that could not be looked up (a vendor outage): run prepare again to retry them. */
  readonly failedAccounts: readonly AccountNote[];
  readonly skippedContacts: readonly SkippedContact[];
}

type Counts = {
  -readonly [K in keyof PrepareReport]: PrepareReport[K] extends number ? number : PrepareReport[K];
};

const DEFAULT_PAGE = 200;

/** The targets in pages of `size`, from a list or a stream. */
async function* pagesOf<T>(items: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Prepares a campaign over its target accounts, streamed in pages (the campaign is never held in
 * memory whole): each account not prepared yet is looked up (`lookUpAccount`: firmographics,
 * pre-qualification, the people at a qualified account, stored as leads), the plan picks one
 * contact per persona who may be written to, and the first messages are written from stored
 * facts; each page's accounts, contacts and messages are stored in one transaction. An account
 * is the unit of progress: one a vendor failed on is stored `failed` with the reason, and running
 * prepare again resumes — accounts reached or skipped before are counted, not looked up or written
 * again, failed ones are retried. The campaign is marked prepared once no account failed. A
 * message waits for approval in review mode and is queued in autonomous mode.
 */
export const prepareCampaign = async (
  deps: PrepareDeps,
  campaignId: string,
  targets: Iterable<TargetAccount> | AsyncIterable<TargetAccount>,
): Promise<PrepareReport> => {
  const campaign = await deps.store.getCampaign(campaignId);
  if (campaign === undefined) throw new AppError('NOT_FOUND', { message: `no campaign ${campaignId}` });
  const at = new Date(deps.clock.now()).toISOString();
  const context: IntakeContext = { origin: `campaign:${campaignId}`, receivedAt: at };
  const report: Counts = {
    accounts: 0,
    reached: 0,
    skipped: 0,
    failed: 0,
    resumed: 0,
    contacts: 0,
    messages: 0,
    skippedAccounts: [],
    failedAccounts: [],
    skippedContacts: [],
  };
  const skippedAccounts: AccountNote[] = [];
  const failedAccounts: AccountNote[] = [];
  const skippedContacts: SkippedContact[] = [];
  const seen = new Set<string>();
  for await (const page of pagesOf(targets, deps.pageSize ?? DEFAULT_PAGE)) {
    report.accounts += page.length;
    const done = await deps.store.preparedAccounts(
      campaignId,
      page.map((t) => t.domain),
    );
    const toPrepare: TargetAccount[] = [];
    for (const t of page) {
      const before = done.get(t.domain);
      if (seen.has(t.domain)) {
        report.skipped += 1;
        skippedAccounts.push({ domain: t.domain, reason: 'listed twice (the first is kept)' });
      } else if (before !== undefined) {
        report.resumed += 1;
        if (before.status === 'reached') report.reached += 1;
        else {
          report.skipped += 1;
          skippedAccounts.push({ domain: t.domain, reason: before.reason ?? 'skipped' });
        }
      } else toPrepare.push(t);
      seen.add(t.domain);
    }
    if (toPrepare.length === 0) continue;
    const stored = await preparePage(deps, campaign.config, campaignId, toPrepare, context);
    report.contacts += stored.contacts;
    report.messages += stored.messages;
    report.reached += stored.reached;
    report.skipped += stored.skippedAccounts.length;
    report.failed += stored.failedAccounts.length;
    skippedAccounts.push(...stored.skippedAccounts);
    failedAccounts.push(...stored.failedAccounts);
    skippedContacts.push(...stored.skippedContacts);
  }
  const summary = `${report.accounts} accounts: ${report.reached} reached, ${report.skipped} skipped, ${report.failed} failed (${report.resumed} prepared by an earlier run); ${report.contacts} contacts and ${report.messages} first messages written`;
  if (report.failed === 0) await deps.store.markPrepared(campaignId, summary);
  else
    await deps.store.addAudit({
      campaignId,
      action: 'prepare incomplete',
      actor: 'leadsift',
      at: new Date(deps.clock.now()).toISOString(),
      detail: `${summary}; prepare again to retry the failed accounts`,
    });
  return { ...report, skippedAccounts, failedAccounts, skippedContacts };
};

/** One page: looked up, its people stored as leads, planned, and stored in one transaction. */
const preparePage = async (
  deps: PrepareDeps,
  config: CampaignConfig,
  campaignId: string,
  targets: readonly TargetAccount[],
  context: IntakeContext,
) => {
  const now = deps.clock.now();
  const known = await deps.store.leadIdsAtDomains(targets.map((t) => t.domain));
  const activities = await deps.leads.listActivitiesOf([...known.values()].flat());
  const looked = await runPool(targets, deps.concurrency ?? 8, (t) =>
    lookUpAccount(
      deps,
      config,
      t,
      (known.get(t.domain) ?? []).flatMap((id) => activities.get(id) ?? []),
      context,
      now,
    ),
  );
  const found: LookedUpAccount[] = [];
  const failedAccounts: AccountNote[] = [];
  looked.forEach((r, k) => {
    const target = targets[k] as TargetAccount;
    if (r.ok) found.push(r.value);
    else
      failedAccounts.push({ domain: target.domain, reason: `could not be looked up: ${reasonOf(r.error)}` });
  });
  const drafts = found.flatMap((f) => f.drafts);
  const upserted = drafts.length === 0 ? [] : await deps.leads.upsertLeads(drafts);
  const leadIds = new Map<string, string[]>();
  let d = 0;
  for (const f of found) {
    const ids = [...(known.get(f.target.domain) ?? [])];
    for (let i = 0; i < f.drafts.length; i++) ids.push((upserted[d++] as { id: string }).id);
    leadIds.set(f.target.domain, [...new Set(ids)]);
  }
  const leads = await deps.leads.getLeads([...new Set([...leadIds.values()].flat())]);
  const emails = [...leads.values()].flatMap((l) =>
    l.person.email === undefined ? [] : [l.person.email.value],
  );
  const [suppressed, owners] = await Promise.all([
    deps.store.suppressed(emails),
    deps.store.leadsByEmail(emails),
  ]);
  const at = context.receivedAt;
  const page = await planPage(
    { campaignId, newId: deps.newId, newToken: deps.newToken },
    config,
    found,
    { leadIds, leads, suppressed, owners },
    at,
    deps.writeMessage,
  );
  const failedRows = failedAccounts.map((f) => ({
    domain: f.domain,
    status: 'failed' as const,
    reason: f.reason,
    company: targets.find((t) => t.domain === f.domain)?.company ?? {},
  }));
  const messages =
    deps.llm === undefined
      ? page.messages
      : await personalizeMessages(deps.llm, config, page.messages, page.contacts);
  const written = await deps.store.savePreparedPage(campaignId, {
    accounts: [...page.accounts, ...failedRows],
    contacts: page.contacts,
    messages,
  });
  // An account another prepare stored meanwhile keeps its contacts: count only what this run wrote.
  const ours = (domain: string): boolean => written.has(domain);
  const contacts = page.contacts.filter((c) => ours(c.domain));
  const kept = new Set(contacts.map((c) => c.id));
  return {
    reached: page.accounts.filter((a) => a.status === 'reached').length,
    skippedAccounts: page.accounts.flatMap((a) =>
      a.status === 'skipped' ? [{ domain: a.domain, reason: a.reason ?? 'skipped' }] : [],
    ),
    failedAccounts,
    contacts: contacts.filter((c) => c.status === 'active').length,
    messages: page.messages.filter((m) => kept.has(m.contactId)).length,
    skippedContacts: page.skippedContacts.filter((s) => ours(s.domain)),
  };
};
