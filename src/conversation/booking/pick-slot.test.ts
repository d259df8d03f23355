import { describe, expect, it } from 'vitest';
import type { Slot } from './free-slots.js';
import { pickSlot } from './pick-slot.js';

// Tue 1 Dec 2026 15:00, Wed 2 Dec 10:00, Thu 3 Dec 10:00 in Berlin (UTC+1).
const offered: Slot[] = [
  { repId: 'dana', start: '2026-12-01T14:00:00.000Z', end: '2026-12-01T14:30:00.000Z' },
  { repId: 'dana', start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z' },
  { repId: 'dana', start: '2026-12-03T09:00:00.000Z', end: '2026-12-03T09:30:00.000Z' },
];
const now = new Date('2026-11-28T12:00:00Z');

describe('pickSlot', () => {
  it.each([
    ['the second one', 1],
    ['2', 1],
    ['option 3 please', 2],
    ['first works', 0],
    ['the last', 2],
    ['Tuesday 3pm', 0],
    ['wednesday', 1],
    ['Thursday at 10:00 is good', 2],
    ['3 dec 10am', 2],
  ])('reads %j as slot %i', (text, index) => {
    expect(pickSlot(text, offered, now, 'Europe/Berlin')).toBe(offered[index]);
  });

  it('books no guess when the pick is unclear or matches no offered slot', () => {
    expect(pickSlot('maybe later', offered, now, 'Europe/Berlin')).toBeUndefined();
    expect(pickSlot('Friday 9am', offered, now, 'Europe/Berlin')).toBeUndefined();
    expect(pickSlot('Tuesday 3pm', offered, now, 'America/New_York')).toBeUndefined();
  });
});
