import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { describeStores } from '../test-support/describe-stores.js';
import { startService, type RunningService } from './start-service.js';

const TEMPLATE = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
/** The BANT template qualifying on fit alone: EMEA leads go round-robin to Dana and Omar. */
const BANT = TEMPLATE.replace(
  'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
  'verdicts: { fitWeight: 0.9, minScore: 50, minFitGrade: B, minIntentGrade: 4 }',
);

const lead = (n: number) => ({
  email: `buyer${n}@bigco${n}.de`,
  firstName: `Pat${n}`,
  lastName: 'Lee',
  title: 'VP of Sales',
  company: `Bigco ${n}`,
  employees: 900,
  industry: 'Software',
  country: 'DE',
  source: 'demo_request',
});

const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describeStores('a lead decided again', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('keeps the rep routing gave it, and the rotation’s next lead gets the next rep', async () => {
    service = await startService({
      store: t.store,
      criteria: { text: BANT, fileName: 'criteria.yaml' },
      app: { logLevel: false },
      pollMs: 25,
    });
    const running = service;
    const { token } = await running.store.service.createApiKey('test', ['admin']);
    const post = async (url: string, payload?: object) =>
      (
        await running.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(payload === undefined ? {} : { payload }),
        })
      ).json();

    const first = await post('/v1/leads?wait=true', lead(1));
    expect(first.route).toMatchObject({ destination: 'ae', territory: 'EMEA' });
    const owner = first.route.owner;
    for (let n = 0; n < 3; n += 1) {
      const again = await post(`/v1/leads/${first.id}/requalify?wait=true`);
      expect(again.status).toBe('decided');
      expect(again.route.owner).toEqual(owner);
      expect(again.route.reason).toMatch(
        new RegExp(`: kept with ${owner.name}, who owns it since \\d{4}-\\d{2}-\\d{2}$`),
      );
    }
    // Two re-decisions queued at once (answers in quick succession) keep it too.
    await running.store.service.requalify(
      [first.id, first.id],
      'the prospect answered',
      new Date().toISOString(),
    );
    await eventually(
      'both are routed',
      async () => (await running.store.service.listTouches(first.id)).length === 6,
    );
    const touches = await running.store.service.listTouches(first.id);
    expect(touches.map((touch) => touch.route.owner?.id)).toEqual(Array(6).fill(owner.id));
    expect(await running.store.service.leadOwners([first.id])).toEqual(
      new Map([[first.id, { id: owner.id, since: touches[0]?.routedAt }]]),
    );

    const second = await post('/v1/leads?wait=true', lead(2));
    const third = await post('/v1/leads?wait=true', lead(3));
    expect(second.route.owner.id).not.toBe(owner.id);
    expect(second.route.owner.id).toMatch(/^(dana|omar)$/);
    expect(third.route.owner.id).toBe(owner.id);
  });
});
