import type { ServerResponse } from 'node:http';
import {
  answerJson,
  startLocalServer,
  takeCanned,
  type CannedAnswer,
  type LocalServer,
  type ReceivedRequest,
} from '../../test-support/local-server.js';

/** An owner as `GET /crm/v3/owners` lists it. */
export interface HubSpotOwner {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A contact the stand-in holds. */
export interface HubSpotContact {
  readonly id: string;
  properties: Record<string, string>;
}

/** The stand-in HubSpot: what it received, holds and found wrong; answers it can be told to give. */
export interface LocalHubSpot extends LocalServer {
  readonly contacts: Map<string, HubSpotContact>;
  /** Every way a request departed from the documented shape; a test expects none. */
  readonly problems: string[];
  /** Answers the next requests with these, in order, instead of handling them. */
  answerNext(...answers: CannedAnswer[]): void;
}

// Default contact properties we may write, and the custom ones an admin creates for leadsift.
const KNOWN_PROPERTIES = new Set([
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'company',
  'hubspot_owner_id',
  'leadsift_score',
  'leadsift_verdict',
  'leadsift_grade',
  'leadsift_reasons',
  'leadsift_decided_at',
]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

const error = (res: ServerResponse, status: number, category: string, message: string): void =>
  answerJson(res, status, {
    status: 'error',
    message,
    correlationId: 'b8a4c9e2-0000-4000-8000-000000000000',
    category,
  });

/**
 * A local HubSpot that checks requests against the CRM v3 docs — bearer token; `GET
 * /crm/v3/owners?email=`; `POST /crm/v3/objects/contacts/batch/upsert` with a JSON body of
 * `inputs: [{ idProperty: "email", id, properties }]` whose values are strings of known
 * properties — and answers with the documented shapes (owners `{ results, paging }`, batch
 * `{ status: "COMPLETE", results: [{ id, properties, new, … }] }`, errors `{ status: "error",
 * message, correlationId, category }`).
 */
export const startLocalHubSpot = async (config: {
  token: string;
  owners?: readonly HubSpotOwner[];
}): Promise<LocalHubSpot> => {
  const contacts = new Map<string, HubSpotContact>();
  const problems: string[] = [];
  const canned: CannedAnswer[] = [];
  let nextId = 1001;

  const upsert = (req: ReceivedRequest, res: ServerResponse): void => {
    if (req.headers['content-type'] !== 'application/json')
      problems.push('upsert without content-type application/json');
    let body: { inputs?: unknown };
    try {
      body = JSON.parse(req.body) as { inputs?: unknown };
    } catch {
      error(res, 400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1');
      return;
    }
    if (!Array.isArray(body.inputs) || body.inputs.length === 0 || body.inputs.length > 100) {
      problems.push('inputs must be a list of 1 to 100 contacts');
      error(res, 400, 'VALIDATION_ERROR', 'inputs must hold 1 to 100 records');
      return;
    }
    const results = [];
    for (const input of body.inputs as { id?: unknown; idProperty?: unknown; properties?: unknown }[]) {
      if (input.idProperty !== 'email')
        problems.push(`idProperty is ${JSON.stringify(input.idProperty)}, not "email"`);
      if (typeof input.id !== 'string' || !input.id.includes('@')) problems.push('id must be the email');
      const properties = (input.properties ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(properties)) {
        if (typeof value !== 'string') problems.push(`property ${name} is a ${typeof value}, not a string`);
        if (!KNOWN_PROPERTIES.has(name)) {
          error(
            res,
            400,
            'VALIDATION_ERROR',
            `Property values were not valid: Property "${name}" does not exist`,
          );
          return;
        }
      }
      if (!/^\d+(\.\d+)?$/.test(String(properties.leadsift_score)))
        problems.push('leadsift_score is not a number');
      if (!ISO_INSTANT.test(String(properties.leadsift_decided_at)))
        problems.push('leadsift_decided_at is not ISO 8601');
      const owner = properties.hubspot_owner_id;
      if (owner !== undefined && !(config.owners ?? []).some((o) => o.id === owner)) {
        error(
          res,
          400,
          'VALIDATION_ERROR',
          `Property values were not valid: ${String(owner)} is not a valid owner id`,
        );
        return;
      }
      const email = String(input.id).toLowerCase();
      const existing = contacts.get(email);
      const contact = existing ?? { id: String(nextId++), properties: { email } };
      contact.properties = { ...contact.properties, ...(properties as Record<string, string>) };
      contacts.set(email, contact);
      const at = '2026-11-28T09:00:02.000Z';
      results.push({
        id: contact.id,
        properties: contact.properties,
        createdAt: at,
        updatedAt: at,
        archived: false,
        new: existing === undefined,
      });
    }
    const at = '2026-11-28T09:00:02.000Z';
    answerJson(res, 200, { status: 'COMPLETE', results, startedAt: at, completedAt: at });
  };

  const owners = (url: URL, res: ServerResponse): void => {
    const email = url.searchParams.get('email');
    if (email === null) problems.push('owner lookup without the email parameter');
    const results = (config.owners ?? [])
      .filter((o) => email === null || o.email.toLowerCase() === email.toLowerCase())
      .map((o) => ({
        ...o,
        type: 'PERSON',
        userId: Number(o.id) + 1,
        archived: false,
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
      }));
    answerJson(res, 200, { results });
  };

  const server = await startLocalServer((req, res) => {
    const answer = takeCanned(canned, req.url);
    if (answer !== undefined) {
      answerJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    if (req.headers.authorization !== `Bearer ${config.token}`) {
      error(res, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
      return;
    }
    const url = new URL(req.url, 'http://hubspot.local');
    if (req.method === 'GET' && url.pathname === '/crm/v3/owners') owners(url, res);
    else if (req.method === 'POST' && url.pathname === '/crm/v3/objects/contacts/batch/upsert')
      upsert(req, res);
    else {
      problems.push(`unexpected ${req.method} ${url.pathname}`);
      error(res, 404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${url.pathname}`);
    }
  });
  return { ...server, contacts, problems, answerNext: (...answers) => canned.push(...answers) };
};
