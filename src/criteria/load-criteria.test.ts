import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { loadCriteria, parseCriteria } from './load-criteria.js';

const templates = fileURLToPath(new URL('../../examples/criteria/', import.meta.url));

const MINIMAL = `name: Minimal
icp: Software companies of 50 to 500 people.
fit:
  industries: { include: [software], points: 30 }
  seniority: { vp: 20, director: 15 }
intent:
  rules:
    - { event: demo_request, points: 40 }
required: [company.domain, { fact: person.title, how: ask, question: What is your role? }]
playbooks:
  - name: demo
    when: { events: [demo_request] }
    verdicts: { minScore: 50 }
`;

const problemsOf = (text: string): string[] => {
  try {
    parseCriteria(text, 'criteria.yaml');
  } catch (error) {
    expect(isAppError(error, 'CRITERIA_INVALID')).toBe(true);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the criteria to be refused');
};

describe('criteria files', () => {
  it.each(readdirSync(templates).filter((f) => f.endsWith('.yaml')))(
    'the %s template is valid',
    async (file) => {
      const criteria = await loadCriteria(`${templates}${file}`);
      expect(criteria.version).toMatch(/^criteria@[0-9a-f]{12}$/);
      expect(criteria.fallback.icp.length).toBeGreaterThan(50);
    },
  );

  it('ships the BANT, CHAMP, MEDDIC-lite and product-led templates', () => {
    expect(readdirSync(templates).sort()).toEqual([
      'bant.yaml',
      'champ.yaml',
      'meddic-lite.yaml',
      'product-led.yaml',
    ]);
  });

  it('fills defaults and resolves each playbook into a complete ruleset', () => {
    const criteria = parseCriteria(MINIMAL, 'criteria.yaml');
    expect(criteria.fallback).toMatchObject({
      playbook: 'default',
      intent: { halfLifeDays: 14, windowDays: 90 },
      verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: 'B', minIntentGrade: 3 },
      disqualifiers: { notInterested: true, students: false },
      required: [
        { fact: 'company.domain', how: 'enrich' },
        { fact: 'person.title', how: 'ask', question: 'What is your role?' },
      ],
    });
    const [demo] = criteria.playbooks;
    expect(demo).toMatchObject({
      playbook: 'demo',
      when: { events: ['demo_request'] },
      verdicts: { minScore: 50, fitWeight: 0.6 },
    });
    expect(demo?.fit).toEqual(criteria.fallback.fit);
  });

  it('has a version that changes with the content, not with key order or comments', () => {
    const a = parseCriteria(MINIMAL, 'a.yaml').version;
    const reordered = MINIMAL.replace(
      'name: Minimal\nicp: Software companies of 50 to 500 people.',
      '# a comment\nicp: Software companies of 50 to 500 people.\nname: Minimal',
    );
    expect(parseCriteria(reordered, 'b.yaml').version).toBe(a);
    expect(parseCriteria(MINIMAL.replace('points: 30', 'points: 31'), 'c.yaml').version).not.toBe(a);
  });

  it('names the line, the key and the expected form of every problem', () => {
    const text = `name: Broken
icp: x
fit:
  industries: { include: [sofware], points: 30 }
  seniority: { boss: 20 }
  employees: { min: 500, max: 50, points: 10 }
intent:
  rules:
    - { event: pricing_view, points: 500 }
verdicts: { minFitGrade: E }
colour: blue
`;
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^criteria\.yaml:4: fit\.industries\.include\[0\]: expected an industry of the taxonomy \(software, /,
        ),
        expect.stringMatching(
          /^criteria\.yaml:5: fit\.seniority: unknown key "boss"; expected founder, c_level, vp, /,
        ),
        expect.stringMatching(/^criteria\.yaml:6: fit\.employees: min must not exceed max/),
        expect.stringMatching(
          /^criteria\.yaml:9: intent\.rules\[0\]\.event: expected an event type: page_view, pricing_page_view/,
        ),
        expect.stringMatching(
          /^criteria\.yaml:9: intent\.rules\[0\]\.points: points must be between -100 and 100/,
        ),
        expect.stringMatching(/^criteria\.yaml:10: verdicts\.minFitGrade: /),
        expect.stringMatching(
          /^criteria\.yaml:11: unknown key "colour"; expected name, icp, fit, intent, disqualifiers, required, grades, verdicts, playbooks, model, routing or committee/,
        ),
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('refuses playbooks with the same name, and a missing icp', () => {
    expect(
      problemsOf('name: x\nicp: y\nplaybooks:\n  - { name: a, when: {} }\n  - { name: a, when: {} }\n'),
    ).toEqual(['criteria.yaml:4: playbooks: playbook names must be unique']);
    expect(problemsOf('name: x\n')).toEqual([expect.stringMatching(/^criteria\.yaml:1: icp: /)]);
  });

  it('says when the criteria file does not exist', async () => {
    await expect(loadCriteria('/nonexistent/criteria.yaml')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});

describe('regions in criteria files', () => {
  it('stand for their countries, in fit rules and in countries not served', () => {
    const criteria = parseCriteria(
      'name: R\nicp: Europe.\nfit:\n  countries: { include: [DACH, NORDICS, US], points: 10 }\ndisqualifiers: { countriesNotServed: [KP] }\nplaybooks:\n  - { name: uk, when: {}, fit: { countries: { include: [UKI], points: 5 } } }\n',
      'r.yaml',
    );
    expect(criteria.fallback.fit.countries?.include).toEqual([
      'DE',
      'AT',
      'CH',
      'DK',
      'FI',
      'IS',
      'NO',
      'SE',
      'US',
    ]);
    expect(criteria.playbooks[0]?.fit.countries?.include).toEqual(['GB', 'IE']);
  });

  it('names the regions when an entry is neither a country code nor a region', () => {
    expect(problemsOf('name: R\nicp: x\nfit:\n  countries: { include: [Europe], points: 10 }\n')).toEqual([
      expect.stringMatching(
        /^criteria\.yaml:4: fit\.countries\.include\[0\]: expected a two-letter ISO country code .*or a region: NA, NORAM, LATAM, EU, DACH/,
      ),
    ]);
  });
});
