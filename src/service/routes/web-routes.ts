import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Where `npm run build` puts the dashboard: `<package>/dist/web`. The same path from the
 * compiled server (`dist/service/routes/`) and from the sources (`src/service/routes/`).
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** A built dashboard is a folder holding `index.html`. */
export const isWebRoot = (root: string): boolean => existsSync(`${root.replace(/\/$/, '')}/index.html`);

/**
 * The dashboard's files at `/` (index.html and hashed assets). It needs no key to load: every
 * piece of data it shows comes from `/v1`, which does. Assets are cached for a year (their names
 * change with their content); index.html is always revalidated so a new build shows at once.
 */
export const webRoutes =
  (root: string): FastifyPluginAsync =>
  async (app) => {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  };
