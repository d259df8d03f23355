import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a local server received, with its body as text. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers one request; may leave `res` open to stand for a receiver that hangs. */
export type RequestHandler = (request: ReceivedRequest, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 and what it received. */
export interface LocalServer {
  readonly base: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a real HTTP server on a free port, recording every request before handing it on. */
export const startLocalServer = async (handler: RequestHandler): Promise<LocalServer> => {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/** Writes a JSON answer (a string is sent as written; `undefined` sends no body). */
export const answerJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** A port nothing listens on: one a server held a moment ago. */
export const closedPort = async (): Promise<string> => {
  const server = await startLocalServer(() => undefined);
  await server.close();
  return server.base;
};

/** A canned answer for the next request (to `path`, when given). */
export interface CannedAnswer {
  /** Only a request whose path starts with this takes the answer. */
  readonly path?: string;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Takes the first canned answer meant for `url`, if any. */
export const takeCanned = (canned: CannedAnswer[], url: string): CannedAnswer | undefined => {
  const at = canned.findIndex((a) => a.path === undefined || url.startsWith(a.path));
  return at < 0 ? undefined : canned.splice(at, 1)[0];
};
