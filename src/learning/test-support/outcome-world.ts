import type { StoreHandle } from '../../adapters/storage/open-store.js';
import { createSeededRandom } from '../../domain/seeded-random.js';
import type { HandClock } from './dated-leads.js';
import { sourcedLead } from './dated-leads.js';

const DAY = 86_400_000;

/**
 * A history where the `Plan` column decides most deals (enterprise is won 80 % of the time, the
 * rest 20 %) and `Region` and `Employees` are noise. `count` leads arrive from `start`, one every
 * `spacingDays`, each won or lost a week later; every tenth lead is only accepted (its fate still
 * open). Seeded: the same every run. Returns the time of the last outcome.
 */
export const storeOutcomeWorld = async (
  store: StoreHandle,
  clock: HandClock,
  start: string,
  count: number,
  spacingDays = 0.25,
): Promise<number> => {
  const random = createSeededRandom(7);
  const t0 = Date.parse(start);
  let last = t0;
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, k) => i + k);
    const arrived = t0 + (batch[0] ?? 0) * spacingDays * DAY;
    clock.set(new Date(arrived).toISOString());
    const drafts = batch.map((n) => {
      const plan = random.pick(['enterprise', 'team', 'starter']);
      return {
        plan,
        draft: sourcedLead(
          `w${n}`,
          random.pick(['organic', 'paid_search']),
          {
            Plan: plan,
            Region: random.pick(['emea', 'amer', 'apac']),
            Employees: String(random.int(5, 900)),
          },
          new Date(arrived).toISOString(),
        ),
      };
    });
    const ids = (await store.leads.upsertLeads(drafts.map((d) => d.draft))).map((r) => r.id);
    const outcomes = batch.map((n, k) => {
      const at = t0 + n * spacingDays * DAY + 7 * DAY;
      last = Math.max(last, at);
      const won = random.chance(drafts[k]?.plan === 'enterprise' ? 0.8 : 0.2);
      const type = n % 10 === 9 ? ('accepted' as const) : won ? ('won' as const) : ('lost' as const);
      return { leadId: ids[k] ?? '', type, occurredAt: new Date(at).toISOString(), source: 'test' };
    });
    await store.leads.addOutcomes(outcomes);
  }
  return last;
};
