import http from 'node:http';
import https from 'node:https';
import type { HttpRequest } from './compile-http-request.js';

/** A response read whole (up to a limit). */
export interface HttpAnswer {
  readonly status: number;
  /** A response header by its lower-case name (the first value when it is repeated). */
  header(name: string): string | undefined;
  /** The body, or undefined when it proved longer than the limit (the rest was never read). */
  readonly body: Uint8Array | undefined;
}

/** A request that failed before its answer began (`connect`) or while its body arrived (`read`). */
export class HttpTransportError extends Error {
  readonly stage: 'connect' | 'read';
  constructor(stage: 'connect' | 'read', cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'HttpTransportError';
    this.stage = stage;
  }
}

/** Kept-alive connections of one provider, at most `sockets` per host. */
export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** Agents keeping connections open between calls, `sockets` at most per host. */
export const createHttpAgents = (sockets: number): HttpAgents => ({
  http: new http.Agent({ keepAlive: true, maxSockets: sockets }),
  https: new https.Agent({ keepAlive: true, maxSockets: sockets }),
});

const headerOf =
  (headers: http.IncomingHttpHeaders) =>
  (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

/**
 * Sends a request with Node's own HTTP client and reads the answer up to `maxBytes`: a body
 * declared or proven longer is not read further (its connection is closed instead). Redirects
 * are never followed. Node's `fetch` costs about three times the CPU per call (its WHATWG
 * streams, Request and Response objects): at a thousand calls a second that made leadsift,
 * not the vendors, the limit of an enrichment run (bench/README.md).
 */
export const sendHttpRequest = (
  agents: HttpAgents,
  request: HttpRequest,
  signal: AbortSignal,
  maxBytes: number,
): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const { url, init } = request;
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const options = { method: init.method, headers, signal, agent: secure ? agents.https : agents.http };
    const onResponse = (res: http.IncomingMessage): void => {
      const answer = (body: Uint8Array | undefined): void =>
        resolve({ status: res.statusCode ?? 0, header: headerOf(res.headers), body });
      const tooLong = (): void => {
        res.destroy();
        answer(undefined);
      };
      if (Number(res.headers['content-length'] ?? Number.NaN) > maxBytes) return tooLong();
      const chunks: Buffer[] = [];
      let size = 0;
      let ended = false;
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) tooLong();
        else chunks.push(chunk);
      });
      res.on('end', () => {
        ended = true;
        answer(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
      });
      res.on('error', (error) => reject(new HttpTransportError('read', error)));
      // Closed before its end (aborted, the server hung up): settles unless already settled.
      res.on('close', () => {
        if (!ended && size <= maxBytes) reject(new HttpTransportError('read', 'the answer was cut off'));
      });
    };
    const req = (secure ? https : http).request(url, options, onResponse);
    req.on('error', (error) => reject(new HttpTransportError('connect', error)));
    req.end(init.body);
  });
