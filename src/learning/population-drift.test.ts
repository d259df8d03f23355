import { describe, expect, it } from 'vitest';
import { columnDrift, driftLevel, populationStabilityIndex } from './population-drift.js';

const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

describe('populationStabilityIndex', () => {
  it('is zero for the same shares and matches a hand computation otherwise', () => {
    const same = new Map([
      ['a', 0.5],
      ['b', 0.5],
    ]);
    expect(populationStabilityIndex(same, same)).toBe(0);
    // (0.7 − 0.5)·ln(0.7/0.5) + (0.3 − 0.5)·ln(0.3/0.5) = 0.0673 + 0.1022
    const moved = populationStabilityIndex(
      same,
      new Map([
        ['a', 0.7],
        ['b', 0.3],
      ]),
    );
    expect(moved).toBeCloseTo(0.2 * Math.log(1.4) - 0.2 * Math.log(0.6), 12);
    expect(moved).toBeCloseTo(0.1695, 4);
    expect(driftLevel(moved)).toBe('moderate');
  });

  it('stays finite when a value appears on one side only', () => {
    const psi = populationStabilityIndex(
      new Map([['a', 1]]),
      new Map([
        ['a', 0.5],
        ['new', 0.5],
      ]),
    );
    expect(Number.isFinite(psi)).toBe(true);
    expect(driftLevel(psi)).toBe('major');
  });
});

describe('columnDrift', () => {
  it('names the category whose share moved most, in words', () => {
    const training = [...repeat('paid_search', 12), ...repeat('organic', 60), ...repeat('referral', 28)];
    const recent = [...repeat('paid_search', 41), ...repeat('organic', 40), ...repeat('referral', 19)];
    const drift = columnDrift('Lead Source', training, recent);
    expect(drift.level).toBe('major');
    expect(drift.mover).toEqual({ value: 'paid_search', before: 0.12, after: 0.41 });
    expect(drift.text).toMatch(
      /^Share of leads with Lead Source 'paid_search' rose from 12 % to 41 % since training \(PSI 0\.\d\d\)$/,
    );
  });

  it('bins numbers at the training deciles and counts missing values as their own value', () => {
    const training = Array.from({ length: 1000 }, (_, i) => i % 100);
    expect(columnDrift('Employees', training, training).level).toBe('none');
    const older = training.map((v) => v + 60);
    const shifted = columnDrift('Employees', training, older);
    expect(shifted.level).toBe('major');
    expect(shifted.text).toMatch(/^Share of leads with Employees 90 or more rose from 10 % to 70 %/);
    const gaps = columnDrift('Title', repeat('VP', 100), [...repeat('VP', 50), ...repeat(undefined, 50)]);
    expect(gaps.mover).toEqual({ value: '(missing)', before: 0, after: 0.5 });
  });
});
