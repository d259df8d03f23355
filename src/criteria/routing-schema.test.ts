import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { parseCriteria } from './load-criteria.js';
import { DEFAULT_ROUTING_RULES } from './resolve-routing.js';

const HEAD = 'name: R\nicp: Anyone.\nplaybooks:\n  - { name: demo, when: {} }\n';

const problemsOf = (text: string): string[] => {
  try {
    parseCriteria(text, 'criteria.yaml');
  } catch (error) {
    expect(isAppError(error, 'CRITERIA_INVALID')).toBe(true);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the criteria to be refused');
};

describe('the routing section', () => {
  it('resolves with defaults: autonomous, regions expanded, weight 1, active, review when nothing matches', () => {
    const { routing } = parseCriteria(
      `${HEAD}routing:
  territories: { DACH: [DACH], NA: [US, CA] }
  reps:
    - { id: dana, name: Dana Kim, email: dana@example.com, territories: [DACH] }
  rules:
    - { name: hot, when: { grades: [A], playbooks: [demo] }, to: { assign: [account-owner, territory], reps: [dana] } }
    - { to: { nurture: later } }
`,
      'criteria.yaml',
    );
    expect(routing).toEqual({
      mode: 'autonomous',
      assisted: [],
      territories: [
        { name: 'DACH', countries: ['DE', 'AT', 'CH'] },
        { name: 'NA', countries: ['US', 'CA'] },
      ],
      reps: [
        {
          id: 'dana',
          name: 'Dana Kim',
          email: 'dana@example.com',
          territories: ['DACH'],
          weight: 1,
          active: true,
        },
      ],
      rules: [
        {
          key: 'hot',
          when: { grades: ['A'], playbooks: ['demo'] },
          to: { kind: 'assign', strategies: ['account-owner', 'territory'], reps: ['dana'] },
        },
        { key: 'rules[1]', when: {}, to: { kind: 'nurture', sequence: 'later' } },
      ],
      fallback: { kind: 'review' },
    });
  });

  it('is the default routing when absent, and its absence leaves the criteria version alone', () => {
    const bare = parseCriteria(HEAD, 'criteria.yaml');
    // The version this file had before routing existed: defaults are applied in resolution.
    expect(bare.version).toBe('criteria@e2db2d6cca6b');
    expect(bare.routing).toEqual({
      mode: 'autonomous',
      assisted: [],
      territories: [],
      reps: [],
      rules: DEFAULT_ROUTING_RULES,
      fallback: { kind: 'review' },
    });
    expect(parseCriteria(`${HEAD}routing: {}\n`, 'criteria.yaml').routing).toEqual(bare.routing);
    expect(parseCriteria(`${HEAD}routing: { mode: assisted }\n`, 'criteria.yaml').version).not.toBe(
      bare.version,
    );
  });

  it('names the line of every reference to a rep, territory or playbook that does not exist', () => {
    const text = `${HEAD}routing:
  assisted: [enterprise]
  territories:
    emea: [EMEA]
  reps:
    - { id: dana, name: Dana, email: dana@example.com, territories: [emea, apac] }
    - { id: dana, name: Dana Two, email: DANA@example.com }
  rules:
    - name: a
      when: { territories: [na], playbooks: [demo, nope] }
      to: { assign: round-robin, reps: [dana, kim] }
    - { name: a, to: { review: true } }
    - { name: default, to: { review: true } }
`;
    expect(problemsOf(text).sort()).toEqual(
      [
        'criteria.yaml:6: routing.assisted[0]: no playbook "enterprise"; expected default, demo',
        'criteria.yaml:10: routing.reps[0].territories[1]: no territory "apac"',
        'criteria.yaml:11: routing.reps[1].id: rep ids must be unique',
        'criteria.yaml:11: routing.reps[1].email: rep emails must be unique',
        'criteria.yaml:14: routing.rules[0].when.territories[0]: no territory "na"',
        'criteria.yaml:14: routing.rules[0].when.playbooks[1]: no playbook "nope"; expected default, demo',
        'criteria.yaml:15: routing.rules[0].to.reps[1]: no rep "kim"',
        'criteria.yaml:16: routing.rules[1].name: rule names must be unique',
        'criteria.yaml:17: routing.rules[2].name: "default" names the destination when no rule matches',
      ].sort(),
    );
  });

  it('names the line and the expected form of a malformed rep, strategy, grade or destination', () => {
    const text = `${HEAD}routing:
  mode: auto
  territories: { emea: [Europa] }
  reps:
    - { id: dana, name: Dana, email: not-an-email, weight: 0 }
  rules:
    - when: { verdicts: [hot], grades: [A5] }
      to: { assign: random }
    - to: { nurture: later, disqualify: true }
    - to: { review: true, reps: [dana] }
`;
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        'criteria.yaml:6: routing.mode: expected autonomous or assisted',
        expect.stringMatching(
          /^criteria\.yaml:7: routing\.territories\.emea\[0\]: expected a two-letter ISO country code/,
        ),
        'criteria.yaml:9: routing.reps[0].email: expected an email address such as dana@example.com',
        'criteria.yaml:9: routing.reps[0].weight: expected a weight of 1 or more',
        expect.stringMatching(
          /^criteria\.yaml:11: routing\.rules\[0\]\.when\.verdicts\[0\]: expected a verdict: qualified/,
        ),
        'criteria.yaml:11: routing.rules[0].when.grades[0]: expected a grade such as A1, or a fit letter A to D',
        'criteria.yaml:12: routing.rules[0].to.assign[0]: expected a strategy: account-owner, territory, weighted, round-robin',
        'criteria.yaml:13: routing.rules[1].to: give exactly one of assign, nurture, disqualify or review',
        'criteria.yaml:14: routing.rules[2].to.reps: reps go with assign',
      ]),
    );
    expect(problems).toHaveLength(9);
  });
});
