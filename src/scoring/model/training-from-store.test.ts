import { describe, expect, it } from 'vitest';
import type { Activity } from '../../domain/activity.js';
import type { Lead } from '../../domain/lead.js';
import { EVENT_PREFIX } from './features/event-columns.js';
import type { Outcome, OutcomeType } from '../../domain/outcome.js';
import { trainingFromStore, type StoredTrainingDeps } from './training-from-store.js';

/** A stored lead with its record as it arrived and the types of its outcomes, oldest first. */
interface FakeLead {
  readonly raw: Readonly<Record<string, string>>;
  readonly outcomes: readonly OutcomeType[];
  readonly events?: readonly Pick<Activity, 'type' | 'occurredAt'>[];
}

/** The LeadStore reads the table needs, over leads in memory, paged like the real store. */
const fakeStore = (leads: readonly FakeLead[]): StoredTrainingDeps => {
  const id = (i: number): string => `lead-${String(i).padStart(6, '0')}`;
  const stored = leads.map((l, i): Lead => ({
    id: id(i),
    person: {},
    company: {},
    consent: {},
    custom: {},
    raw: l.raw,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  return {
    leads: {
      listLeads: ({ limit, cursor }) => {
        const from = cursor === undefined ? 0 : stored.findIndex((l) => l.id === cursor) + 1;
        const page = stored.slice(from, from + limit);
        const last = page.at(-1);
        return Promise.resolve(
          from + limit < stored.length && last !== undefined
            ? { leads: page, next: last.id }
            : { leads: page },
        );
      },
      listOutcomesOf: (leadIds) =>
        Promise.resolve(
          new Map(
            leadIds.map((leadId) => [
              leadId,
              (leads[stored.findIndex((l) => l.id === leadId)]?.outcomes ?? []).map((type, k): Outcome => ({
                id: `${leadId}-${k}`,
                leadId,
                type,
                occurredAt: `2026-02-0${k + 1}T00:00:00.000Z`,
                source: 'test',
              })),
            ]),
          ),
        ),
      listActivitiesOf: (leadIds) =>
        Promise.resolve(
          new Map(
            leadIds.map((leadId) => [
              leadId,
              (leads[stored.findIndex((l) => l.id === leadId)]?.events ?? []).map((e, k): Activity => ({
                id: `${leadId}-e${k}`,
                leadId,
                properties: {},
                source: 'test',
                ...e,
              })),
            ]),
          ),
        ),
    },
  };
};

const HISTORY: readonly FakeLead[] = [
  { raw: { Industry: 'Software', Size: '51-200' }, outcomes: ['accepted', 'opportunity_created', 'won'] },
  { raw: { Industry: 'Retail', Size: '1-10' }, outcomes: ['rejected'] },
  { raw: { Industry: 'Retail' }, outcomes: [] },
  { raw: { Industry: 'Banking', Country: 'DE' }, outcomes: ['accepted', 'opportunity_created', 'lost'] },
  { raw: { Industry: 'Software', Size: '11-50' }, outcomes: ['accepted', 'opportunity_created'] },
  { raw: { Size: '201-500' }, outcomes: ['accepted'] },
];

describe('trainingFromStore', () => {
  it('adds the behaviour before the first outcome as event columns, ignoring what came after', async () => {
    const table = await trainingFromStore(
      fakeStore([
        {
          raw: { Industry: 'Software' },
          outcomes: ['won'],
          events: [
            { type: 'pricing_page_view', occurredAt: '2026-01-20T00:00:00.000Z' },
            { type: 'pricing_page_view', occurredAt: '2026-01-30T00:00:00.000Z' },
            { type: 'demo_request', occurredAt: '2026-03-01T00:00:00.000Z' },
          ],
        },
        { raw: { Industry: 'Retail' }, outcomes: ['lost'] },
      ]),
    );
    const cell = (name: string, row: number): string | undefined =>
      table.columns[table.header.indexOf(`${EVENT_PREFIX}${name}`)]?.[row];
    expect(cell('pricing_page_view (90 days)', 0)).toBe('2');
    expect(cell('demo_request (90 days)', 0)).toBe('0');
    expect(cell('days since the last', 0)).toBe('2');
    expect(cell('all (90 days)', 1)).toBe('0');
    expect(cell('days since the last', 1)).toBe('');
  });

  it('makes a row of each lead with a won, lost or rejected outcome from its record as it arrived', async () => {
    const table = await trainingFromStore(fakeStore(HISTORY));
    expect(table.header.slice(0, 3)).toEqual(['Industry', 'Size', 'Country']);
    expect(table.header.slice(3).every((h) => h.startsWith(EVENT_PREFIX))).toBe(true);
    expect(table.columns.slice(0, 3)).toEqual([
      ['Software', 'Retail', 'Banking'],
      ['51-200', '1-10', ''],
      ['', '', 'DE'],
    ]);
    expect(Array.from(table.labels)).toEqual([1, 0, 0]);
    expect(Array.from(table.lines)).toEqual([1, 2, 4]);
    expect(table.label).toEqual({ column: 'stored outcomes', positive: 'won' });
    expect(table.source).toBe('stored leads');
  });

  it('leaves out leads with no decisive outcome and counts them: rows read = used + left out', async () => {
    const table = await trainingFromStore(fakeStore(HISTORY), { source: 'stored leads (sqlite)' });
    expect(table.rowsRead).toBe(6);
    expect(table.rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(table.rejected[0]?.reason).toBe('lead lead-000002 has no decisive outcome yet');
    expect(table.rowsRead).toBe(table.labels.length + table.rejected.length);
    expect(table.source).toBe('stored leads (sqlite)');
  });

  it('counts an opportunity as converted when told, even one that was lost afterwards', async () => {
    const table = await trainingFromStore(fakeStore(HISTORY), { positive: ['won', 'Opportunity'] });
    expect(Array.from(table.labels)).toEqual([1, 0, 1, 1]);
    expect(Array.from(table.lines)).toEqual([1, 2, 4, 5]);
    expect(table.label.positive).toBe('won,opportunity_created');
  });

  it('reads every lead when they span several pages', async () => {
    const many = Array.from({ length: 2345 }, (_, i): FakeLead => ({
      raw: { N: String(i) },
      outcomes: i % 3 === 0 ? ['won'] : ['lost'],
    }));
    const table = await trainingFromStore(fakeStore(many));
    expect(table.rowsRead).toBe(2345);
    expect(table.columns[0]?.at(-1)).toBe('2344');
    expect(table.labels.reduce((a, y) => a + y, 0)).toBe(782);
  });

  it('names an outcome type that does not exist, with the ones that do', async () => {
    await expect(
      trainingFromStore(fakeStore(HISTORY), { positive: ['won', 'closed'] }),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('"closed" is not an outcome type; use accepted, rejected,') as unknown,
    });
  });

  it('refuses to make a table without a decisive outcome, or with one class only', async () => {
    await expect(trainingFromStore(fakeStore(HISTORY.slice(4)))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining(
        'none of the 2 stored leads has a won, lost, rejected outcome',
      ) as unknown,
    });
    await expect(trainingFromStore(fakeStore(HISTORY.slice(1, 4)))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining(
        '2 stored leads have a decisive outcome but none has a won outcome',
      ) as unknown,
    });
  });
});
