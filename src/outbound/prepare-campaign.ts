import type { Activity } from '../domain/activity.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import type { Lead, LeadDraft } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { IntakeContext } from '../intake/intake-record.js';
import type { CampaignConfig } from './campaign-config.js';
import { emailVerified, enrichAccount, prospectDraft, type ProspectingWaterfall } from './find-contacts.js';
import type { CampaignAccount, CampaignContact, CampaignMessage, OutboundStore } from './outbound-store.js';
import type { PeopleSearch } from './people-search.js';
import { planProspects, type AccountCandidate } from './plan-prospects.js';
import { prequalifyAccount } from './prequalify-account.js';
import type { TargetAccount } from './read-target-accounts.js';
import { renderStep } from './render-step.js';
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
}

/** What preparing did: counts, and every account and person left out with the reason. */
export interface PrepareReport {
  readonly accounts: number;
  readonly reached: number;
  readonly contacts: number;
  readonly messages: number;
  readonly skippedAccounts: readonly { readonly domain: string; readonly reason: string }[];
  readonly skippedContacts: readonly {
    readonly domain: string;
    readonly who: string;
    readonly reason: string;
  }[];
}

const CHUNK = 200;

interface Looked {
  readonly target: TargetAccount;
  readonly verdict: ReturnType<typeof prequalifyAccount>;
  readonly company: Lead['company'];
  readonly drafts: readonly LeadDraft[];
  readonly timeZones: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

const nameOf = (lead: Pick<Lead, 'person'>): string | undefined => {
  const name = [lead.person.firstName?.value, lead.person.lastName?.value]
    .filter((p) => p !== undefined)
    .join(' ');
  return name === '' ? undefined : name;
};

/**
 * Prepares a campaign over its target accounts, in chunks: each account's firmographics are
 * filled through the waterfall and it is pre-qualified (with the stored behaviour of people
 * there); only a qualified account is searched for people, each read by intake and enriched for
 * a verified address, stored as a lead; the plan picks one contact per persona who may be
 * written to (never the suppressed, the opted out, a rep's open lead, an unverified address
 * unless allowed); the first message is written from stored facts. Accounts, contacts (chosen
 * or skipped, with why) and first messages are stored; a message waits for approval in review
 * mode, and is queued in autonomous mode.
 */
export const prepareCampaign = async (
  deps: PrepareDeps,
  campaignId: string,
  targets: readonly TargetAccount[],
): Promise<PrepareReport> => {
  const campaign = await deps.store.getCampaign(campaignId);
  if (campaign === undefined) throw new AppError('NOT_FOUND', { message: `no campaign ${campaignId}` });
  if (campaign.preparedAt !== undefined)
    throw new AppError('CONFLICT', {
      message: `campaign ${campaignId} was prepared at ${campaign.preparedAt}; create a new campaign to prepare again`,
    });
  const config = campaign.config;
  const now = deps.clock.now();
  const at = new Date(now).toISOString();
  const context: IntakeContext = { origin: `campaign:${campaignId}`, receivedAt: at };
  const accounts: CampaignAccount[] = [];
  const contacts: CampaignContact[] = [];
  const messages: CampaignMessage[] = [];
  const skippedContacts: { domain: string; who: string; reason: string }[] = [];
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const known = await deps.store.leadIdsAtDomains(chunk.map((t) => t.domain));
    const stored = await deps.leads.getLeads([...known.values()].flat());
    const activities = await deps.leads.listActivitiesOf([...stored.keys()]);
    const looked = await runPool(chunk, deps.concurrency ?? 8, (t) =>
      lookUp(deps, config, t, known.get(t.domain) ?? [], activities, context, now),
    );
    const found: Looked[] = looked.map((r, k) => {
      const target = chunk[k] as TargetAccount;
      if (r.ok) return r.value;
      const reason = r.error instanceof Error ? r.error.message : String(r.error);
      return {
        target,
        verdict: {
          verdict: 'needs_info',
          reasons: [`could not be looked up: ${reason}`],
          fitGrade: 'D',
          intentGrade: 4,
        },
        company: target.company,
        drafts: [],
        timeZones: new Map(),
        problems: [],
      };
    });
    const drafts = found.flatMap((f) => f.drafts);
    const upserted = drafts.length === 0 ? [] : await deps.leads.upsertLeads(drafts);
    const newIds = upserted.map((u) => u.id);
    const leads = await deps.leads.getLeads([...new Set([...newIds, ...stored.keys()])]);
    const emails = [...leads.values()].flatMap((l) =>
      l.person.email === undefined ? [] : [l.person.email.value],
    );
    const [suppressed, owners] = await Promise.all([
      deps.store.suppressed(emails),
      deps.store.leadsByEmail(emails),
    ]);
    let d = 0;
    for (const f of found) {
      const ids = new Set([
        ...(known.get(f.target.domain) ?? []),
        ...f.drafts.map(() => newIds[d++] as string),
      ]);
      for (const p of f.problems)
        skippedContacts.push({ domain: f.target.domain, who: 'a listed person', reason: p });
      const candidate: AccountCandidate = {
        domain: f.target.domain,
        verdict: f.verdict.verdict,
        reasons: f.verdict.reasons,
        contacts: [...ids].flatMap((id) => {
          const lead = leads.get(id);
          if (lead === undefined) return [];
          const email = lead.person.email?.value;
          return [
            {
              lead,
              standing: {
                ...(email === undefined ? {} : { email }),
                ...(lead.person.phone === undefined ? {} : { phone: lead.person.phone.value }),
                optedOut: lead.consent.optedOutAt !== undefined,
                suppressed: email !== undefined && suppressed.has(email),
                ...(email === undefined || owners.get(email.toLowerCase())?.owner === undefined
                  ? {}
                  : { ownedBy: owners.get(email.toLowerCase())?.owner as string }),
                emailVerified: emailVerified(lead),
                smsConsent: lead.consent.sms === true,
              },
            },
          ];
        }),
      };
      const plan = planProspects(config, [candidate]);
      const reached = plan.accounts[0];
      accounts.push({
        domain: f.target.domain,
        status: reached === undefined ? 'skipped' : 'reached',
        ...(reached === undefined ? { reason: plan.skippedAccounts[0]?.reason ?? 'not reached' } : {}),
        company: f.company,
      });
      const contact = (
        lead: Lead,
        status: CampaignContact['status'],
        extra: Partial<CampaignContact>,
      ): CampaignContact => {
        const name = nameOf(lead);
        const zone = f.timeZones.get(lead.person.email?.value.toLowerCase() ?? '');
        return {
          id: deps.newId(),
          campaignId,
          domain: f.target.domain,
          leadId: lead.id,
          ...(lead.person.email === undefined ? {} : { email: lead.person.email.value.toLowerCase() }),
          ...(name === undefined ? {} : { name }),
          ...(zone === undefined ? {} : { timeZone: zone }),
          status,
          token: deps.newToken(),
          createdAt: at,
          updatedAt: at,
          ...extra,
        };
      };
      for (const s of plan.skippedContacts) {
        const lead = leads.get(s.leadId);
        if (lead !== undefined) contacts.push(contact(lead, 'skipped', { reason: s.reason }));
        skippedContacts.push({
          domain: s.domain,
          who: lead === undefined ? s.leadId : (nameOf(lead) ?? s.leadId),
          reason: s.reason,
        });
      }
      for (const chosen of reached?.contacts ?? []) {
        const lead = leads.get(chosen.leadId);
        if (lead === undefined) continue;
        const c = contact(lead, 'active', { persona: chosen.persona });
        const message = renderStep(
          config,
          0,
          lead,
          c,
          { id: deps.newId(), dueAt: at, createdAt: at },
          f.company,
        );
        if ('problem' in message) {
          contacts.push({ ...c, status: 'skipped', reason: message.problem });
          skippedContacts.push({ domain: c.domain, who: c.name ?? c.id, reason: message.problem });
          continue;
        }
        contacts.push(c);
        messages.push(message);
      }
    }
  }
  await deps.store.savePrepared(campaignId, { accounts, contacts, messages });
  const skippedAccounts = accounts.flatMap((a) =>
    a.status === 'skipped' ? [{ domain: a.domain, reason: a.reason ?? '' }] : [],
  );
  return {
    accounts: accounts.length,
    reached: accounts.length - skippedAccounts.length,
    contacts: contacts.filter((c) => c.status === 'active').length,
    messages: messages.length,
    skippedAccounts,
    skippedContacts,
  };
};

/** One account: firmographics, pre-qualification, and (when qualified) the people found there. */
const lookUp = async (
  deps: PrepareDeps,
  config: CampaignConfig,
  target: TargetAccount,
  storedIds: readonly string[],
  activities: ReadonlyMap<string, readonly Activity[]>,
  context: IntakeContext,
  now: number,
): Promise<Looked> => {
  const account = await enrichAccount(deps.waterfall, target, context);
  const verdict = prequalifyAccount(
    deps.criteria.fallback,
    { domain: target.domain, company: account.company },
    storedIds.flatMap((id) => activities.get(id) ?? []),
    { nowMs: now, minIntentGrade: config.prequalify.minIntentGrade },
  );
  const base = { target, verdict, company: account.company, drafts: [], timeZones: new Map(), problems: [] };
  if (verdict.verdict !== 'qualified' || deps.people === undefined) return base;
  const people = await deps.people.find(target.domain);
  const drafts: LeadDraft[] = [];
  const timeZones = new Map<string, string>();
  const problems: string[] = [];
  for (const person of people) {
    const made = await prospectDraft(deps.waterfall, person, { domain: target.domain, ...account }, context);
    if ('problem' in made) {
      problems.push(
        `${[person.firstName, person.lastName].filter(Boolean).join(' ') || 'someone'}: ${made.problem}`,
      );
      continue;
    }
    drafts.push(made.draft);
    const email = made.draft.person.email?.value.toLowerCase();
    if (email !== undefined && person.timeZone !== undefined) timeZones.set(email, person.timeZone);
  }
  return { ...base, drafts, timeZones, problems };
};
