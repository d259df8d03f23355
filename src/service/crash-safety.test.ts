import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { startLocalServer } from '../actions/test-support/local-server.js';
import type { LocalServer } from '../actions/test-support/local-server.js';
import { openStore } from '../adapters/storage/open-store.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { createTestDatabase } from '../test-support/describe-stores.js';
import type { TestDatabase } from '../test-support/describe-stores.js';
import '../test-support/provided-context.js';
import { startService } from './start-service.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BANT = readFileSync(join(ROOT, 'examples/criteria/bant.yaml'), 'utf8');
const LEADS = 1000;
const SECRET = 'crash-test-secret';

/** A varied, valid lead: some qualify, some do not, some need information. */
const lead = (n: number) => ({
  email: `person${n}@company${n % 97}.example.com`,
  firstName: `First${n}`,
  lastName: `Last${n}`,
  title: ['VP of Sales', 'Marketing Manager', 'CTO', 'Intern', 'Director of IT'][n % 5],
  company: `Company ${n % 97}`,
  employees: String(20 + ((n * 37) % 3000)),
  country: ['US', 'DE', 'FR', 'CA', 'BR'][n % 5],
  source: ['demo_request', 'webinar', 'content', 'paid_search'][n % 4],
});

/** `leadsift worker` as a real child process on the test database. */
const startWorkerProcess = (databaseUrl: string, actionsPath: string): ChildProcess =>
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'worker',
      '--actions',
      actionsPath,
      '--batch',
      '10',
      '--lease-ms',
      '1500',
      '--poll-ms',
      '50',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, CRASH_SECRET: SECRET },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

const count = async (
  store: StoreHandle,
  query: 'decisions' | 'qualify-open' | 'webhook-open',
): Promise<number> => {
  const db = store.db;
  const result =
    query === 'decisions'
      ? await db
          .selectFrom('decisions')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom('jobs')
          .select(sql<number>`count(*)`.as('n'))
          .where('kind', '=', query === 'qualify-open' ? 'qualify' : 'webhook')
          .where('status', 'in', ['ready', 'running'])
          .executeTakeFirstOrThrow();
  return Number(result.n);
};

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

for (const dialect of ['sqlite', 'postgres'] as const) {
  const server = dialect === 'postgres' ? inject('leadsiftPg') : undefined;
  const skipped = server !== undefined && 'skipped' in server ? server.skipped : undefined;
  describe.skipIf(skipped !== undefined)(
    `crash safety on ${dialect}${skipped === undefined ? '' : ` (SKIPPED: ${skipped})`}`,
    () => {
      let database: TestDatabase;
      let receiver: LocalServer;
      let dir: string;
      let children: ChildProcess[] = [];

      beforeEach(async () => {
        database = await createTestDatabase(dialect);
        dir = mkdtempSync(join(tmpdir(), 'leadsift-crash-'));
        receiver = await startLocalServer((_request, res) => {
          // A receiver that takes a little time, so that deliveries are in flight when the worker dies.
          setTimeout(() => res.writeHead(200).end('ok'), 5);
        });
      });
      afterEach(async () => {
        for (const child of children) child.kill('SIGKILL');
        await Promise.all(children.map(exited));
        children = [];
        await receiver.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      });

      it('SIGKILLed in the middle of a 1,000-lead batch and restarted, the worker leaves every accepted lead with exactly one decision and one delivered webhook', async () => {
        const actionsPath = join(dir, 'actions.yaml');
        writeFileSync(
          actionsPath,
          `webhooks:\n  - name: receiver\n    url: ${receiver.base}/hook\n    secretEnv: CRASH_SECRET\n    timeoutMs: 5000\n`,
        );
        // The API takes the leads; no worker runs in its process.
        const api = await startService({
          databaseUrl: database.url,
          criteria: { text: BANT, fileName: 'bant.yaml' },
          worker: false,
          useModel: false,
          app: { logLevel: false },
        });
        const { token } = await api.store.service.createApiKey('crash-test', ['leads:write']);
        const ids: string[] = [];
        for (let start = 0; start < LEADS; start += 100) {
          const response = await api.app.inject({
            method: 'POST',
            url: '/v1/leads',
            payload: { leads: Array.from({ length: 100 }, (_, i) => lead(start + i)) },
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.statusCode).toBe(202);
          const body = response.json<{ accepted: number; leads: { id: string; status: string }[] }>();
          expect(body.accepted).toBe(100);
          ids.push(...body.leads.map((l) => l.id));
        }
        await api.close();
        expect(new Set(ids).size).toBe(LEADS);

        const store = await openStore({ databaseUrl: database.url });
        try {
          const first = startWorkerProcess(database.url, actionsPath);
          children.push(first);
          await waitFor(
            'the first worker has decided some leads',
            async () => (await count(store, 'decisions')) >= 150,
            120_000,
          );
          first.kill('SIGKILL');
          await exited(first);
          const decidedAtKill = await count(store, 'decisions');
          expect(decidedAtKill).toBeGreaterThan(0);
          expect(decidedAtKill).toBeLessThan(LEADS);

          const second = startWorkerProcess(database.url, actionsPath);
          children.push(second);
          await waitFor(
            'every qualify and webhook job is finished',
            async () =>
              (await count(store, 'qualify-open')) === 0 && (await count(store, 'webhook-open')) === 0,
            180_000,
          );
          second.kill('SIGTERM');
          await exited(second);

          // Exactly one decision per accepted lead.
          const decisions = await store.db
            .selectFrom('decisions')
            .select(['lead_id', sql<number>`count(*)`.as('n')])
            .groupBy('lead_id')
            .execute();
          expect(decisions).toHaveLength(LEADS);
          expect(decisions.every((d) => Number(d.n) === 1)).toBe(true);
          expect(new Set(decisions.map((d) => d.lead_id))).toEqual(new Set(ids));

          // Exactly one webhook delivery per lead, done; none dead.
          const webhooks = await store.db
            .selectFrom('jobs')
            .select(['lead_id', 'status', 'id'])
            .where('kind', '=', 'webhook')
            .execute();
          expect(webhooks).toHaveLength(LEADS);
          expect(webhooks.every((w) => w.status === 'done')).toBe(true);
          expect(new Set(webhooks.map((w) => w.lead_id))).toEqual(new Set(ids));

          // The receiver saw every lead under exactly one delivery id. A delivery in flight when the
          // worker died may arrive twice, under the same id, for the receiver to drop.
          const byLead = new Map<string, Set<string>>();
          for (const request of receiver.received) {
            const body = JSON.parse(request.body) as { lead: { id: string } };
            const set = byLead.get(body.lead.id) ?? new Set<string>();
            set.add(String(request.headers['leadsift-delivery']));
            byLead.set(body.lead.id, set);
          }
          expect(byLead.size).toBe(LEADS);
          expect([...byLead.values()].every((set) => set.size === 1)).toBe(true);
          const duplicates = receiver.received.length - LEADS;
          expect(duplicates).toBeGreaterThanOrEqual(0);
          expect(duplicates).toBeLessThanOrEqual(64); // at most the deliveries in flight at the kill

          // Every route has its first action's time.
          const touches = await store.db.selectFrom('touches').select(['first_action_at']).execute();
          expect(touches).toHaveLength(LEADS);
          expect(touches.every((t) => t.first_action_at !== null)).toBe(true);
        } finally {
          await store.close();
        }
      }, 300_000);
    },
  );
}
