import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Container } from '../../container.js';
import { formatCount } from '../../domain/format-count.js';
import { activateCriteriaText, startService } from '../../service/start-service.js';
import type { Output } from '../run-action.js';
import { untilStopped } from '../until-stopped.js';

/**
 * The demo as a running service: activate the demo's criteria, send every demo lead that was
 * never routed through the real pipeline (decide, route, review queue), create an API key, and
 * serve until stopped, printing the URL, the key and a first request to try.
 */
export const serveDemo = async (
  c: Container,
  output: Output,
  options: { readonly criteriaPath: string; readonly host: string; readonly port: number },
): Promise<void> => {
  const store = await c.store();
  await activateCriteriaText(
    store,
    await readFile(options.criteriaPath, 'utf8'),
    options.criteriaPath,
    'leadsift demo',
  );
  const service = await startService({
    store,
    clock: c.clock,
    listen: { host: options.host, port: options.port },
    app: { logLevel: 'warn' },
    ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
    onError: (error) =>
      output.err(`leadsift: worker: ${error instanceof Error ? error.message : String(error)}`),
  });
  const unrouted = await store.db
    .selectFrom('leads')
    .select('id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('touches')
            .select(sql`1`.as('one'))
            .whereRef('touches.lead_id', '=', 'leads.id'),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  const now = new Date(c.clock.now()).toISOString();
  for (let i = 0; i < unrouted.length; i += 500) {
    await store.service.requalify(
      unrouted.slice(i, i + 500).map((r) => r.id),
      'demo: routed through the pipeline',
      now,
    );
  }
  service.worker?.wake();
  const { token } = await store.service.createApiKey('demo', ['admin']);
  const url = service.url ?? '';
  output.out(
    [
      '',
      `leadsift is serving the demo at ${url} (${store.dialect}); ${formatCount(unrouted.length)} demo leads are being routed through the pipeline now.`,
      `Dashboard: ${url}/ (sign in with the API key below)`,
      `API docs:  ${url}/docs`,
      `API key:   ${token}`,
      '',
      'Try:',
      `  curl -s -X POST '${url}/v1/leads?wait=true' -H 'authorization: Bearer ${token}' -H 'content-type: application/json' \\`,
      `    -d '{"email":"dana.kim@acme-robotics.com","title":"VP of Sales","company":"Acme Robotics","employees":450,"country":"US","source":"demo_request"}'`,
      `  curl -s '${url}/v1/reviews' -H 'authorization: Bearer ${token}'`,
      '',
      'Stop with Ctrl-C.',
    ].join('\n'),
  );
  const signal = await untilStopped();
  output.err(`leadsift: ${signal}: stopping`);
  await service.close();
};
