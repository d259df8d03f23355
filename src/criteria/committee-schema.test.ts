import { describe, expect, it } from 'vitest';
import { parseCriteria } from './load-criteria.js';

const BASE = 'name: t\nicp: Mid-market software companies\n';

describe('the committee section of a criteria file', () => {
  it('is optional: without it the criteria and their version are what they were', () => {
    const criteria = parseCriteria(BASE, 'criteria.yaml');
    expect(criteria.fallback.committee).toBeUndefined();
    expect(parseCriteria(`${BASE}# a comment\n`, 'c.yaml').version).toBe(criteria.version);
  });

  it('reads roles with one function, several or none, and defaults minEngaged to 2', () => {
    const criteria = parseCriteria(
      `${BASE}committee:\n  roles:\n    - { function: sales, minSeniority: vp }\n    - { label: tech, function: [it, engineering], minSeniority: director }\n    - { minSeniority: c_level }\n`,
      'criteria.yaml',
    );
    expect(criteria.fallback.committee).toEqual({
      roles: [
        { function: 'sales', minSeniority: 'vp' },
        { label: 'tech', function: ['it', 'engineering'], minSeniority: 'director' },
        { minSeniority: 'c_level' },
      ],
      minEngaged: 2,
    });
  });

  it('names the line and the expected form of a bad role', () => {
    expect(() =>
      parseCriteria(
        `${BASE}committee:\n  roles:\n    - { function: sales, minSeniority: boss }\n`,
        'criteria.yaml',
      ),
    ).toThrow(
      /criteria\.yaml:5: committee\.roles\[0\]\.minSeniority: expected a seniority: founder, c_level/,
    );
  });
});
