import { performance } from 'node:perf_hooks';
import { leadsiftUserAgent } from '../../leadsift-user-agent.js';
import {
  callVendor,
  failedPush,
  stringAt,
  type VendorAnswer,
  type VendorContext,
  type VendorRequest,
} from '../call-vendor.js';
import { createOwnerCache } from '../owner-cache.js';
import type { CrmDeps, CrmPushResult, CrmUpdate, CrmWriteBack } from '../crm-write-back.js';
import { salesforceLeadFields, soqlString } from './salesforce-lead-fields.js';
import { fetchSalesforceSession, type SalesforceSession } from './salesforce-token.js';

/** Where and how to reach Salesforce: an external client app with the client credentials flow. */
export interface SalesforceOptions {
  /** The org's My Domain URL (`https://acme.my.salesforce.com`), where tokens are issued. */
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `v60.0` by default. */
  readonly apiVersion?: string;
  /** The Lead's external id field holding leadsift's lead id; `Leadsift_Id__c` by default. */
  readonly externalIdField?: string;
  /** The budget for one push, token and owner lookup included. */
  readonly timeoutMs: number;
}

/** Salesforce's error body: `[{ message, errorCode, fields }]`. */
const salesforceMessage = (json: unknown): string | undefined => {
  const first: unknown = Array.isArray(json) ? json[0] : json;
  const message = stringAt(first, 'message');
  const code = stringAt(first, 'errorCode');
  return message === undefined ? undefined : code === undefined ? message : `${code}: ${message}`;
};

// Salesforce answers an exhausted API allowance with 403 REQUEST_LIMIT_EXCEEDED, not 429.
const salesforceClassify = (status: number, json: unknown) => {
  const first: unknown = Array.isArray(json) ? json[0] : json;
  return status === 403 && stringAt(first, 'errorCode') === 'REQUEST_LIMIT_EXCEEDED'
    ? ('retry' as const)
    : undefined;
};

type Failure = Extract<VendorAnswer, { ok: false }>;

/**
 * Writes decisions to Salesforce Leads: a client-credentials token (fetched again once when
 * a call answers 401), the owner's User id from a SOQL query by email (cached), then an upsert
 * by external id — `PATCH /services/data/v60.0/sobjects/Lead/Leadsift_Id__c/{lead id}` with
 * `Leadsift_Score__c`, `Leadsift_Verdict__c`, `Leadsift_Grade__c`, `Leadsift_Reasons__c`,
 * `OwnerId` and the person's fields (LastName and Company always, with fallbacks).
 */
export const createSalesforceWriteBack = (options: SalesforceOptions, deps: CrmDeps): CrmWriteBack => {
  const apiVersion = options.apiVersion ?? 'v60.0';
  const externalIdField = options.externalIdField ?? 'Leadsift_Id__c';
  const userAgent = deps.userAgent ?? leadsiftUserAgent();
  const elapsed = deps.monotonicMs ?? (() => performance.now());
  const owners = createOwnerCache(() => deps.nowMs());
  let session: SalesforceSession | undefined;

  /** Calls the API with the current token; on 401 gets a new token and calls once more. */
  const authorized = async (
    build: (s: SalesforceSession) => VendorRequest,
    context: VendorContext,
  ): Promise<VendorAnswer> => {
    for (let fresh = false; ; fresh = true) {
      if (session === undefined || fresh) {
        const got = await fetchSalesforceSession({ ...options, userAgent }, context);
        if ('ok' in got) return got;
        session = got;
      }
      const request = build(session);
      const answer = await callVendor(
        { ...request, headers: { ...request.headers, authorization: `Bearer ${session.accessToken}` } },
        context,
      );
      if (answer.ok || answer.status !== 401 || fresh) return answer;
    }
  };

  const json = { accept: 'application/json', 'user-agent': userAgent };

  const ownerId = async (email: string, context: VendorContext): Promise<string | null | Failure> => {
    const cached = owners.get(email);
    if (cached !== undefined) return cached;
    const soql = `SELECT Id FROM User WHERE Email = ${soqlString(email)} AND IsActive = true LIMIT 1`;
    const answer = await authorized(
      (s) => ({
        what: 'Salesforce owner query',
        method: 'GET',
        url: `${s.instanceUrl}/services/data/${apiVersion}/query?q=${encodeURIComponent(soql)}`,
        headers: json,
      }),
      context,
    );
    if (!answer.ok) return answer;
    const records = (answer.json as { records?: unknown } | undefined)?.records;
    const id = Array.isArray(records) ? stringAt(records[0], 'Id') : undefined;
    if (id === undefined) return null;
    owners.set(email, id);
    return id;
  };

  const push = async (update: CrmUpdate): Promise<CrmPushResult> => {
    const started = elapsed();
    const durationMs = (): number => Math.max(0, Math.round(elapsed() - started));
    const context: VendorContext = {
      fetch: deps.fetch ?? fetch,
      nowMs: () => deps.nowMs(),
      signal: AbortSignal.timeout(options.timeoutMs),
      timeoutMs: options.timeoutMs,
      messageOf: salesforceMessage,
      classify: salesforceClassify,
    };
    const ownerEmail = update.route?.owner?.email.trim().toLowerCase();
    const owner = ownerEmail === undefined || ownerEmail === '' ? null : await ownerId(ownerEmail, context);
    if (typeof owner === 'object' && owner !== null) return failedPush(owner, durationMs());
    const body = JSON.stringify(salesforceLeadFields(update, owner ?? undefined));
    const answer = await authorized(
      (s) => ({
        what: 'Salesforce Lead upsert',
        method: 'PATCH',
        url: `${s.instanceUrl}/services/data/${apiVersion}/sobjects/Lead/${externalIdField}/${encodeURIComponent(update.lead.id)}`,
        headers: { ...json, 'content-type': 'application/json' },
        body,
      }),
      context,
    );
    if (!answer.ok) return failedPush(answer, durationMs());
    // 201 created or 200 updated carry `{ id, success, errors, created }`; before API 46.0 an
    // update answered 204 with no body.
    const crmId = stringAt(answer.json, 'id');
    const warning =
      owner === null && ownerEmail !== undefined && ownerEmail !== ''
        ? `Salesforce has no active user with the email ${ownerEmail}; the owner was not set`
        : undefined;
    return {
      outcome: 'delivered',
      status: answer.status,
      durationMs: durationMs(),
      ...(crmId === undefined ? {} : { crmId }),
      ...(warning === undefined ? {} : { warning }),
    };
  };

  return { name: 'salesforce', push };
};
