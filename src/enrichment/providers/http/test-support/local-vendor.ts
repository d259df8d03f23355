import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { fixedClock } from '../../../../domain/clock.js';
import { ProviderFailure, type EnrichmentProvider, type ProviderAnswer } from '../../../provider.js';
import { createHttpProvider } from '../create-http-provider.js';
import { HttpProviderConfig, type HttpProviderConfigInput } from '../http-provider-config.js';

/** A request a local vendor received. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}
export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

const servers: Server[] = [];

/** Stops every local vendor started since the last call; for `afterEach`. */
export const closeServers = async (): Promise<void> => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
};

/** A real local HTTP server (a stand-in vendor); `seen` records every request it received. */
export const serve = async (handler: Handler) => {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handler(req, res, request);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
};

/** A handler answering `status` with a JSON body (a string is sent as written). */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
};

/** An http provider for the vendor at `base`, mapping the ACME answer's fields. */
export const provider = (
  base: string,
  overrides: Partial<HttpProviderConfigInput> = {},
  env: Readonly<Record<string, string | undefined>> = { API_KEY: 'k-123' },
): EnrichmentProvider =>
  createHttpProvider(
    HttpProviderConfig.parse({
      name: 'vendor',
      url: `${base}/v2/companies/find`,
      query: { domain: '{domain}' },
      headers: { authorization: 'Bearer ${API_KEY}' },
      requires: ['domain'],
      fields: {
        'company.name': 'name',
        'company.industry': 'category.industry',
        'company.employees': 'metrics.employeesRange',
        'company.revenue': 'metrics.annualRevenue',
        'company.technologies': 'tech',
      },
      confidence: 0.9,
      ...overrides,
    }),
    env,
    { clock: fixedClock('2026-10-21T07:27:30Z') },
  );

/** Looks acme.com up. */
export const lookup = (
  p: EnrichmentProvider,
  signal: AbortSignal = new AbortController().signal,
): Promise<ProviderAnswer> => p.lookup({ domain: 'acme.com' }, signal);

/** The ProviderFailure an answer rejects with. */
export const failureOf = async (answer: Promise<ProviderAnswer>): Promise<ProviderFailure> => {
  const error: unknown = await answer.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderFailure);
  return error as ProviderFailure;
};

/** A vendor's answer for acme.com. */
export const ACME = {
  name: 'Acme',
  category: { industry: 'Software' },
  metrics: { employeesRange: '51-200', annualRevenue: 25_000_000 },
  tech: ['react', 'stripe', 'react'],
};

/** A server streaming `total` bytes of a JSON string, honouring backpressure; `sent` counts what left. */
export const serveHuge = async (total: number, declareLength: boolean) => {
  const progress = { sent: 0, finished: false };
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const { base } = await serve((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const write = (): void => {
      while (progress.sent < total) {
        progress.sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', write);
          return;
        }
      }
      res.end(() => (progress.finished = true));
    };
    res.on('close', () => res.removeAllListeners('drain'));
    write();
  });
  return { base, progress };
};
