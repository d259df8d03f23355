import type { ServerResponse } from 'node:http';
import { serve, type Handler } from '../../http/test-support/local-vendor.js';

export { closeServers } from '../../http/test-support/local-vendor.js';

/** An HTML page answer, with extra headers. */
export const html =
  (body: string, headers: Record<string, string | string[]> = {}, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };

/** A plain-text answer (robots.txt). */
export const text =
  (body: string, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };

/** A redirect to `location`. */
export const redirect =
  (location: string, status = 301): Handler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };

/** A handler that never answers (until the server is closed). */
export const silent: Handler = () => undefined;

/**
 * A real local website: each path answers with its handler (the query string ignored), any
 * other path 404. `seen` lists the paths requested, in order.
 */
export const serveSite = async (routes: Record<string, Handler>) => {
  const paths: string[] = [];
  const { base, seen } = await serve((req, res, request) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    paths.push(path);
    const handler = routes[path];
    if (handler !== undefined) handler(req, res, request);
    else notFound(res);
  });
  return { base, url: `${base}/`, paths, seen };
};

const notFound = (res: ServerResponse): void => {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
};

/** A homepage with a head holding `head` and a body holding `body`. */
export const page = (head: string, body = '<p>Hello.</p>'): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** A JSON-LD script element holding `data`. */
export const jsonLd = (data: unknown): string =>
  `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
