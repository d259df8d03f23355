import { describe, expect, it } from 'vitest';
import { compileRowEncoder } from './encode-features.js';
import { EVENT_COLUMNS, eventColumns, usesEvents } from './event-columns.js';
import { inferFeaturePlan } from './infer-feature-plan.js';
import { leadsiftColumns, withLeadsiftColumns } from './leadsift-columns.js';

const header = ['Job Title', 'Email Address', 'Employees', 'Industry', 'Visits'];

describe("leadsift's derived columns", () => {
  it('are found through the header synonyms intake uses, and derive seniority, function, email type, size band and industry', () => {
    const lc = leadsiftColumns(header);
    expect(lc.names).toEqual([
      'leadsift: seniority',
      'leadsift: job function',
      'leadsift: email type',
      'leadsift: company size band',
      'leadsift: industry',
    ]);
    expect(lc.derive(['VP of Sales', 'ann@gmail.com', '120', 'Computer Software', '3'])).toEqual([
      'vp',
      'sales',
      'free',
      '51-200',
      'software',
    ]);
    expect(lc.derive(['', 'not an email', 'Select', '', ''])).toEqual(['', '', 'invalid', '', '']);
  });

  it('are not derived from a header without such columns', () => {
    expect(leadsiftColumns(['Visits', 'Score']).names).toEqual([]);
  });

  it('are appended to a training table, and derived again from the row when a scored record lacks them', () => {
    const rows = [
      ['VP of Sales', 'ann@acme.com', '120', 'Software', '3'],
      ['Sales Intern', 'bob@gmail.com', '5', 'Retail', '1'],
    ];
    const table = withLeadsiftColumns({
      header,
      columns: header.map((_, c) => rows.map((r) => r[c] as string)),
    });
    expect(table.header.slice(5)).toContain('leadsift: seniority');
    const plan = inferFeaturePlan(table.header, table.columns, { minCategoryCount: 1 });
    const fromTable = compileRowEncoder(plan, table.header);
    const fromRecord = compileRowEncoder(plan, header);
    expect(fromRecord.missingColumns).toEqual([]);
    const a = new Float64Array(fromTable.width);
    const b = new Float64Array(fromRecord.width);
    rows.forEach((row, r) => {
      fromTable.encode(
        table.header.map((_, c) => (table.columns[c] as string[])[r] as string),
        a,
      );
      fromRecord.encode(row, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    });
  });
});

describe('event columns', () => {
  const now = Date.parse('2026-06-30T00:00:00Z');
  it('count each event type in the last 90 days, all of them, and the days since the last one', () => {
    const cols = eventColumns(
      [
        { type: 'pricing_page_view', occurredAt: '2026-06-20T00:00:00Z' },
        { type: 'pricing_page_view', occurredAt: '2026-06-29T00:00:00Z' },
        { type: 'demo_request', occurredAt: '2026-01-01T00:00:00Z' },
        { type: 'email_reply', occurredAt: '2026-07-15T00:00:00Z' },
      ],
      now,
    );
    expect(Object.keys(cols)).toEqual(EVENT_COLUMNS);
    expect(cols['leadsift events: pricing_page_view (90 days)']).toBe('2');
    expect(cols['leadsift events: demo_request (90 days)']).toBe('0');
    expect(cols['leadsift events: email_reply (90 days)']).toBe('0');
    expect(cols['leadsift events: all (90 days)']).toBe('2');
    expect(cols['leadsift events: days since the last']).toBe('1');
  });

  it('leave the days since the last event empty when there is none', () => {
    expect(eventColumns([], now)['leadsift events: days since the last']).toBe('');
  });

  it('are recognised in a plan', () => {
    expect(usesEvents([{ column: 'Visits' }])).toBe(false);
    expect(usesEvents([{ column: EVENT_COLUMNS[0] as string }])).toBe(true);
  });
});
