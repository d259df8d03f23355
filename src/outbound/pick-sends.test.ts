import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../domain/zoned-time.js';
import { WEEKDAYS } from './campaign-config.js';
import { pickSends, type QueuedMessage, type SendRules, type SentRecord } from './pick-sends.js';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Los_Angeles',
];
// Two weeks that cross both the US (8 March) and the European (29 March) clock changes.
const START = Date.parse('2026-03-05T00:00:00.000Z');
const DAY = 86_400_000;

/** An oracle written apart from the code under test: the recipient's weekday and minute by Intl. */
const localOpen = (ms: number, zone: string, r: SendRules): boolean => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  const [fh, fm] = r.quietHours.from.split(':').map(Number);
  const [th, tm] = r.quietHours.to.split(':').map(Number);
  const from = (fh ?? 0) * 60 + (fm ?? 0);
  const to = (th ?? 0) * 60 + (tm ?? 0);
  const quiet = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  return r.sendingDays.includes(part('weekday').toLowerCase() as (typeof WEEKDAYS)[number]) && !quiet;
};

const rules = (over: Partial<SendRules> = {}): SendRules => ({
  limits: { perDay: 5, perDomainPerDay: 2, minGapSeconds: 0 },
  quietHours: { from: '18:00', to: '08:00' },
  sendingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  timeZone: 'Europe/Berlin',
  ...over,
});

describe('pickSends', () => {
  it('sends what is due inside the window, up to the domain and day caps, oldest first', () => {
    const at = Date.parse('2026-03-10T09:00:00.000Z'); // Tuesday 10:00 in Berlin
    const queue: QueuedMessage[] = [
      { id: 'a', domain: 'acme.com', dueAt: '2026-03-10T08:00:00.000Z' },
      { id: 'b', domain: 'acme.com', dueAt: '2026-03-10T08:01:00.000Z' },
      { id: 'c', domain: 'acme.com', dueAt: '2026-03-10T08:02:00.000Z' },
      { id: 'd', domain: 'globex.io', dueAt: '2026-03-10T08:03:00.000Z' },
      { id: 'e', domain: 'initech.com', dueAt: '2026-03-11T08:00:00.000Z' },
      { id: 'f', domain: 'umbrella.com', timeZone: 'America/Los_Angeles', dueAt: '2026-03-10T08:00:00.000Z' },
    ];
    const { send, nextAt } = pickSends(queue, [], rules(), at);
    // f's recipient is asleep (01:00 in Los Angeles); c would be acme.com's third today.
    expect(send.map((m) => m.id)).toEqual(['a', 'b', 'd']);
    expect(nextAt).toBe('2026-03-10T15:00:00.000Z'); // 08:00 in Los Angeles
  });

  it('spaces sends by minGapSeconds and stops at perDay until the campaign’s next day', () => {
    const at = Date.parse('2026-03-10T09:00:00.000Z');
    const queue = ['a', 'b'].map((id) => ({ id, domain: `${id}.com`, dueAt: '2026-03-10T08:00:00.000Z' }));
    const gap = pickSends(
      queue,
      [],
      rules({ limits: { perDay: 5, perDomainPerDay: 2, minGapSeconds: 120 } }),
      at,
    );
    expect(gap).toEqual({ send: [queue[0]], nextAt: '2026-03-10T09:02:00.000Z' });
    const sent: SentRecord[] = Array.from({ length: 5 }, (_, i) => ({
      at: `2026-03-10T07:0${i}:00.000Z`,
      domain: 'x.com',
    }));
    const full = pickSends(queue, sent, rules(), at);
    expect(full.send).toEqual([]);
    expect(full.nextAt).toBe('2026-03-10T23:00:00.000Z'); // midnight in Berlin
  });

  it('never exceeds its caps, never sends in quiet hours or off days, nor before due, and always says when to look again (random schedules across two DST changes)', () => {
    const arbitrary = fc.record({
      perDay: fc.integer({ min: 1, max: 12 }),
      perDomainPerDay: fc.integer({ min: 1, max: 4 }),
      gap: fc.integer({ min: 0, max: 900 }),
      from: fc.integer({ min: 0, max: 95 }),
      to: fc.integer({ min: 0, max: 95 }),
      days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
      zone: fc.constantFrom(...ZONES),
      messages: fc.array(
        fc.record({
          domain: fc.constantFrom('a.com', 'b.com', 'c.io', 'd.de'),
          zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
          dueAfterMinutes: fc.integer({ min: 0, max: 6 * 24 * 60 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      // Minutes until the caller looks again when woken early by other work (0: it waits for nextAt).
      wakes: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 15, max: 240 })), {
        minLength: 5,
        maxLength: 50,
      }),
    });
    fc.assert(
      fc.property(arbitrary, (g) => {
        const hhmm = (q: number): string =>
          `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
        const r = rules({
          limits: { perDay: g.perDay, perDomainPerDay: g.perDomainPerDay, minGapSeconds: g.gap },
          quietHours: { from: hhmm(g.from), to: hhmm(g.to) },
          sendingDays: g.days,
          timeZone: g.zone,
        });
        let queue: QueuedMessage[] = g.messages.map((m, i) => ({
          id: `m${i}`,
          domain: m.domain,
          ...(m.zone === undefined ? {} : { timeZone: m.zone }),
          dueAt: new Date(START + m.dueAfterMinutes * 60_000).toISOString(),
        }));
        const byId = new Map(queue.map((m) => [m.id, m]));
        const sent: (SentRecord & { id: string })[] = [];
        let now = START;
        let step = 0;
        const end = START + 21 * DAY;
        while (queue.length > 0 && now < end) {
          const { send, nextAt } = pickSends(queue, sent, r, now);
          for (const m of send) sent.push({ id: m.id, at: new Date(now).toISOString(), domain: m.domain });
          const gone = new Set(send.map((m) => m.id));
          queue = queue.filter((m) => !gone.has(m.id));
          if (queue.length === 0) break;
          // It always says when to look again, and that is in the future.
          expect(nextAt).toBeDefined();
          const nextMs = Date.parse(nextAt ?? '');
          expect(nextMs).toBeGreaterThan(now);
          // The caller may also look earlier (woken by other work): the answer must hold then too.
          const wake = g.wakes[step++ % g.wakes.length] ?? 0;
          now = wake === 0 ? nextMs : Math.min(nextMs, now + wake * 60_000);
        }
        const days = new Map<string, number>();
        const domainDays = new Map<string, number>();
        let last = Number.NEGATIVE_INFINITY;
        for (const s of sent) {
          const at = Date.parse(s.at);
          const m = byId.get(s.id);
          expect(at).toBeGreaterThanOrEqual(Date.parse(m?.dueAt ?? ''));
          expect(localOpen(at, m?.timeZone ?? r.timeZone, r)).toBe(true);
          expect(at - last).toBeGreaterThanOrEqual(r.limits.minGapSeconds * 1000);
          last = at;
          const p = zonedParts(at, r.timeZone);
          const day = `${p.year}-${p.month}-${p.day}`;
          days.set(day, (days.get(day) ?? 0) + 1);
          domainDays.set(`${day} ${s.domain}`, (domainDays.get(`${day} ${s.domain}`) ?? 0) + 1);
        }
        for (const n of days.values()) expect(n).toBeLessThanOrEqual(r.limits.perDay);
        for (const n of domainDays.values()) expect(n).toBeLessThanOrEqual(r.limits.perDomainPerDay);
        expect(new Set(sent.map((s) => s.id)).size).toBe(sent.length);
        // What is left waits for room (a cap, a window), never for nothing: nextAt was always set.
      }),
      { numRuns: 150 },
    );
  });
});
