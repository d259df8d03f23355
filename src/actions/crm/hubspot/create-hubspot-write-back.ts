import { performance } from 'node:perf_hooks';
import type { Lead } from '../../../domain/lead.js';
import { leadsiftUserAgent } from '../../leadsift-user-agent.js';
import { callVendor, failedPush, stringAt, type VendorContext } from '../call-vendor.js';
import { createOwnerCache } from '../owner-cache.js';
import type { CrmDeps, CrmPushResult, CrmUpdate, CrmWriteBack } from '../crm-write-back.js';
import { summarizeReasons } from '../summarize-reasons.js';

/** Where and how to reach HubSpot: a private app's access token. */
export interface HubSpotOptions {
  /** `https://api.hubapi.com` in production; a local server in tests. */
  readonly baseUrl: string;
  readonly token: string;
  /** The budget for one push, owner lookup included. */
  readonly timeoutMs: number;
}

/** HubSpot's error body: `{ status: "error", message, correlationId, category }`. */
const hubspotMessage = (json: unknown): string | undefined => {
  const message = stringAt(json, 'message');
  const category = stringAt(json, 'category');
  return message === undefined ? undefined : category === undefined ? message : `${category}: ${message}`;
};

/** The contact properties for a decision: leadsift's own, and the person's when known. */
export const hubspotProperties = (update: CrmUpdate, ownerId: string | undefined): Record<string, string> => {
  const { lead, decision } = update;
  const known: Record<string, string | undefined> = {
    firstname: lead.person.firstName?.value,
    lastname: lead.person.lastName?.value,
    jobtitle: lead.person.title?.value,
    company: lead.company.name?.value,
    leadsift_score: String(decision.score),
    leadsift_verdict: decision.verdict,
    leadsift_grade: decision.grade,
    leadsift_reasons: summarizeReasons(decision),
    leadsift_decided_at: decision.decidedAt,
    hubspot_owner_id: ownerId,
  };
  // HubSpot property values are strings; absent ones are left out rather than cleared.
  return Object.fromEntries(Object.entries(known).filter((e): e is [string, string] => e[1] !== undefined));
};

const emailOf = (lead: Lead): string | undefined =>
  lead.person.email?.value.trim().toLowerCase() || undefined;

/**
 * Writes decisions to HubSpot contacts: upserts the contact by email
 * (`POST /crm/v3/objects/contacts/batch/upsert`, `idProperty: "email"`) with the properties
 * `leadsift_score`, `leadsift_verdict`, `leadsift_grade`, `leadsift_reasons`,
 * `leadsift_decided_at` (custom contact properties to create once in the portal) and
 * `hubspot_owner_id`, resolved from the route owner's email through `GET /crm/v3/owners` and
 * cached. An owner HubSpot does not know is left out, with a warning. A lead without an email
 * cannot be matched and fails.
 */
export const createHubSpotWriteBack = (options: HubSpotOptions, deps: CrmDeps): CrmWriteBack => {
  const base = options.baseUrl.replace(/\/+$/, '');
  const owners = createOwnerCache(() => deps.nowMs());
  const elapsed = deps.monotonicMs ?? (() => performance.now());
  const headers = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/json',
    'user-agent': deps.userAgent ?? leadsiftUserAgent(),
  };

  /** The owner id for an email: a string, `null` when HubSpot has none, or the failed answer. */
  const ownerId = async (email: string, context: VendorContext) => {
    const cached = owners.get(email);
    if (cached !== undefined) return cached;
    const url = `${base}/crm/v3/owners?email=${encodeURIComponent(email)}&limit=1`;
    const answer = await callVendor({ what: 'HubSpot owner lookup', method: 'GET', url, headers }, context);
    if (!answer.ok) return answer;
    const results = (answer.json as { results?: unknown } | undefined)?.results;
    const id = Array.isArray(results) ? stringAt(results[0], 'id') : undefined;
    if (id === undefined) return null;
    owners.set(email, id);
    return id;
  };

  const push = async (update: CrmUpdate): Promise<CrmPushResult> => {
    const started = elapsed();
    const durationMs = (): number => Math.max(0, Math.round(elapsed() - started));
    const email = emailOf(update.lead);
    if (email === undefined)
      return {
        outcome: 'failed',
        error: `HubSpot: lead ${update.lead.id} has no email to match a contact by`,
        durationMs: durationMs(),
      };
    const context: VendorContext = {
      fetch: deps.fetch ?? fetch,
      nowMs: () => deps.nowMs(),
      signal: AbortSignal.timeout(options.timeoutMs),
      timeoutMs: options.timeoutMs,
      messageOf: hubspotMessage,
    };
    const ownerEmail = update.route?.owner?.email.trim().toLowerCase();
    const owner = ownerEmail === undefined || ownerEmail === '' ? null : await ownerId(ownerEmail, context);
    if (typeof owner === 'object' && owner !== null) return failedPush(owner, durationMs());
    const body = JSON.stringify({
      inputs: [{ idProperty: 'email', id: email, properties: hubspotProperties(update, owner ?? undefined) }],
    });
    const answer = await callVendor(
      {
        what: 'HubSpot contact upsert',
        method: 'POST',
        url: `${base}/crm/v3/objects/contacts/batch/upsert`,
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      },
      context,
    );
    if (!answer.ok) return failedPush(answer, durationMs());
    return upsertResult(answer.status, answer.json, durationMs(), owner === null ? ownerEmail : undefined);
  };

  return { name: 'hubspot', push };
};

/**
 * A batch upsert's answer for our one input: 200 with `results[0].id`, or 207 (multi-status)
 * whose `errors[0]` says why HubSpot refused it.
 */
const upsertResult = (
  status: number,
  json: unknown,
  durationMs: number,
  unknownOwner: string | undefined,
): CrmPushResult => {
  const { results, errors } = (json ?? {}) as { results?: unknown; errors?: unknown };
  const id = Array.isArray(results) ? stringAt(results[0], 'id') : undefined;
  if (id === undefined && Array.isArray(errors) && errors.length > 0) {
    const message = stringAt(errors[0], 'message') ?? 'an error it did not describe';
    return {
      outcome: 'failed',
      status,
      error: `HubSpot contact upsert answered ${status}: ${message}`,
      durationMs,
    };
  }
  const warning =
    unknownOwner === undefined
      ? undefined
      : `HubSpot has no owner with the email ${unknownOwner}; the owner was not set`;
  return {
    outcome: 'delivered',
    status,
    durationMs,
    ...(id === undefined ? {} : { crmId: id }),
    ...(warning === undefined ? {} : { warning }),
  };
};
