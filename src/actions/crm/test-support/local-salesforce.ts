import type { ServerResponse } from 'node:http';
import {
  answerJson,
  startLocalServer,
  takeCanned,
  type CannedAnswer,
  type LocalServer,
  type ReceivedRequest,
} from '../../test-support/local-server.js';

/** A user the stand-in org has. */
export interface SalesforceUser {
  readonly Id: string;
  readonly Email: string;
  readonly IsActive: boolean;
}

/** The stand-in Salesforce org: its Leads by external id, the tokens it issued, what it found wrong. */
export interface LocalSalesforce extends LocalServer {
  readonly leads: Map<string, Record<string, unknown> & { Id: string }>;
  readonly tokensIssued: string[];
  readonly problems: string[];
  /** Invalidates every token issued so far, as a session timeout does. */
  expireTokens(): void;
  /** Answers the next requests with these, in order, instead of handling them. */
  answerNext(...answers: CannedAnswer[]): void;
}

const API = '/services/data/v60.0';
const UPSERT = new RegExp(`^${API}/sobjects/Lead/Leadsift_Id__c/([^/]+)$`);
// The one query leadsift sends, with a SOQL string literal (\\ and \' escaped).
const OWNER_QUERY = /^SELECT Id FROM User WHERE Email = '((?:[^'\\]|\\.)*)' AND IsActive = true LIMIT 1$/;
const LEAD_FIELDS: Record<string, 'string' | 'number'> = {
  FirstName: 'string',
  LastName: 'string',
  Company: 'string',
  Email: 'string',
  Title: 'string',
  OwnerId: 'string',
  Leadsift_Score__c: 'number',
  Leadsift_Verdict__c: 'string',
  Leadsift_Grade__c: 'string',
  Leadsift_Reasons__c: 'string',
};

const errors = (
  res: ServerResponse,
  status: number,
  errorCode: string,
  message: string,
  fields: string[] = [],
) => answerJson(res, status, [{ message, errorCode, fields }]);

/**
 * A local Salesforce that checks requests against the REST API docs — the client credentials
 * token request (form-encoded, `grant_type=client_credentials`, the app's key and secret),
 * bearer tokens it issued, the SOQL owner query (URL-encoded `q`), and the Lead upsert by
 * external id (`PATCH …/sobjects/Lead/Leadsift_Id__c/{id}`, JSON of known fields with their
 * types, no Id or external id in the body, LastName and Company on create) — and answers with
 * the documented shapes (token `{ access_token, instance_url, … }`, query `{ totalSize, done,
 * records }`, upsert `{ id, success, errors, created }` 201/200, errors `[{ message, errorCode,
 * fields }]`, OAuth errors `{ error, error_description }`).
 */
export const startLocalSalesforce = async (config: {
  clientId: string;
  clientSecret: string;
  users?: readonly SalesforceUser[];
}): Promise<LocalSalesforce> => {
  const leads: LocalSalesforce['leads'] = new Map();
  const tokensIssued: string[] = [];
  const valid = new Set<string>();
  const problems: string[] = [];
  const canned: CannedAnswer[] = [];
  let base = '';

  const token = (req: ReceivedRequest, res: ServerResponse): void => {
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded')
      problems.push('token request is not form-encoded');
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      answerJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant type not supported',
      });
      return;
    }
    if (form.get('client_id') !== config.clientId || form.get('client_secret') !== config.clientSecret) {
      answerJson(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      return;
    }
    const accessToken = `00D000000000001!token${tokensIssued.length + 1}`;
    tokensIssued.push(accessToken);
    valid.add(accessToken);
    answerJson(res, 200, {
      access_token: accessToken,
      signature: 'c2lnbmF0dXJl',
      scope: 'api',
      instance_url: base,
      id: `${base}/id/00D000000000001/005000000000001`,
      token_type: 'Bearer',
      issued_at: '1796000000000',
    });
  };

  const query = (url: URL, res: ServerResponse): void => {
    const soql = url.searchParams.get('q') ?? '';
    const match = OWNER_QUERY.exec(soql);
    if (match === null) {
      problems.push(`unexpected SOQL: ${soql}`);
      errors(res, 400, 'MALFORMED_QUERY', `unexpected query: ${soql}`);
      return;
    }
    const email = (match[1] ?? '').replace(/\\(.)/g, '$1').toLowerCase();
    const records = (config.users ?? [])
      .filter((u) => u.IsActive && u.Email.toLowerCase() === email)
      .slice(0, 1)
      .map((u) => ({ attributes: { type: 'User', url: `${API}/sobjects/User/${u.Id}` }, Id: u.Id }));
    answerJson(res, 200, { totalSize: records.length, done: true, records });
  };

  const upsert = (externalId: string, req: ReceivedRequest, res: ServerResponse): void => {
    if (req.headers['content-type'] !== 'application/json')
      problems.push('upsert without content-type application/json');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      errors(res, 400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
      return;
    }
    for (const [field, value] of Object.entries(body)) {
      const type = LEAD_FIELDS[field];
      if (type === undefined) {
        errors(res, 400, 'INVALID_FIELD', `No such column '${field}' on sobject of type Lead`);
        return;
      }
      if (typeof value !== type) problems.push(`${field} is a ${typeof value}, not a ${type}`);
    }
    const owner = body.OwnerId;
    if (owner !== undefined && !(config.users ?? []).some((u) => u.Id === owner)) {
      errors(
        res,
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        `Owner ID: owner cannot be inactive or unknown: ${String(owner)}`,
        ['OwnerId'],
      );
      return;
    }
    const existing = leads.get(externalId);
    const missing = ['LastName', 'Company'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (existing === undefined && missing.length > 0) {
      errors(
        res,
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
      return;
    }
    const Id = existing?.Id ?? `00Q5e00000${String(leads.size + 1).padStart(8, '0')}`;
    leads.set(externalId, { ...existing, ...body, Id, Leadsift_Id__c: externalId });
    answerJson(res, existing === undefined ? 201 : 200, {
      id: Id,
      success: true,
      errors: [],
      created: existing === undefined,
    });
  };

  const server = await startLocalServer((req, res) => {
    const answer = takeCanned(canned, req.url);
    if (answer !== undefined) {
      answerJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    const url = new URL(req.url, 'http://salesforce.local');
    if (req.method === 'POST' && url.pathname === '/services/oauth2/token') {
      token(req, res);
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !valid.has(bearer)) {
      errors(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      return;
    }
    if (/[\s{}'@]/.test(req.url)) problems.push(`URL not encoded: ${req.url}`);
    const upsertOf = UPSERT.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === `${API}/query`) query(url, res);
    else if (req.method === 'PATCH' && upsertOf !== null)
      upsert(decodeURIComponent(upsertOf[1] ?? ''), req, res);
    else {
      problems.push(`unexpected ${req.method} ${url.pathname}`);
      errors(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    }
  });
  base = server.base;
  return {
    ...server,
    leads,
    tokensIssued,
    problems,
    expireTokens: () => valid.clear(),
    answerNext: (...answers) => canned.push(...answers),
  };
};
