import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_FUNCTIONS, SENIORITIES } from '../../domain/lead.js';
import { classifyTitleUncached, normalizeTitle } from './title.js';
import { FUNCTION_TERMS, SENIORITY_TERMS } from './title-vocabulary.js';

const cases: ReadonlyArray<readonly [string, string | undefined, string | undefined]> = [
  // [title, seniority, function]
  ['Founder', 'founder', 'executive'],
  ['Co-founder & CTO', 'founder', 'engineering'],
  ['Owner', 'founder', 'executive'],
  ['CEO', 'c_level', 'executive'],
  ['CTO', 'c_level', 'engineering'],
  ['CRO', 'c_level', 'sales'],
  ['CFO', 'c_level', 'finance'],
  ['CISO', 'c_level', 'it'],
  ['Chief Marketing Officer', 'c_level', 'marketing'],
  ['C.E.O.', 'c_level', 'executive'],
  ['President', 'c_level', 'executive'],
  ['Managing Director', 'c_level', 'executive'],
  ['Geschäftsführer', 'c_level', 'executive'],
  ['Directeur général', 'c_level', 'executive'],
  ['Gerente General', 'c_level', 'executive'],
  ['VP, Sales & Marketing', 'vp', 'sales'],
  ['SVP Engineering', 'vp', 'engineering'],
  ['V.P. of Ops', 'vp', 'operations'],
  ['Assistant Vice President, Finance', 'vp', 'finance'],
  ['Head of IT', 'vp', 'it'],
  ['Senior Director', 'director', undefined],
  ['Dir. Product Management', 'director', 'product'],
  ['Directeur commercial', 'director', 'sales'],
  ['Leiter Vertrieb', 'director', 'sales'],
  ['Vertriebsleiter', 'director', 'sales'],
  ['Diretor de Vendas', 'director', 'sales'],
  ['Direttore commerciale', 'director', 'sales'],
  ['Sales Manager', 'manager', 'sales'],
  ['Sr. Mktg Mgr', 'manager', 'marketing'],
  ['Gerente de Ventas', 'manager', 'sales'],
  ['Responsable marketing', 'manager', 'marketing'],
  ['Verkoopmanager', 'manager', 'sales'],
  ['Team Lead, Customer Success', 'manager', 'customer_success'],
  ['Senior Software Engineer', 'senior', 'engineering'],
  ['Staff Engineer', 'senior', 'engineering'],
  ['Principal Data Scientist', 'senior', 'data'],
  ['Software Engineer', 'entry', 'engineering'],
  ['Jr. Accountant', 'entry', 'finance'],
  ['Assistant to the VP', 'entry', 'operations'],
  ['Executive Assistant to the CEO', 'entry', 'operations'],
  ['Marketing Coordinator', 'entry', 'marketing'],
  ['Software Engineer Intern', 'intern', 'engineering'],
  ['Werkstudent Marketing', 'intern', 'marketing'],
  ['Stagiaire RH', 'intern', undefined],
  ['Becario de Compras', 'intern', 'procurement'],
  ['Account Executive', undefined, 'sales'],
  ['UX/UI Designer', undefined, 'design'],
  ['Tax Attorney', undefined, 'legal'],
  ['IT Recruiter', undefined, 'hr'],
  ['Registered Nurse', undefined, 'healthcare'],
  ['Mathematics Professor', undefined, 'education'],
  ['Procurement Specialist', 'senior', 'procurement'],
  ['Product Owner', undefined, 'product'],
  ['Astronaut', undefined, undefined],
];

describe('normalizeTitle', () => {
  it.each(cases)('reads %j as seniority %s and function %s', (title, seniority, jobFunction) => {
    const result = normalizeTitle(title);
    expect(result.seniority).toBe(seniority);
    expect(result.jobFunction).toBe(jobFunction);
    expect(result.recognized).toBe(seniority !== undefined || jobFunction !== undefined);
  });

  it('returns the same frozen result for the same title, from the cache or not', () => {
    expect(normalizeTitle('VP Sales')).toBe(normalizeTitle('VP Sales'));
    expect(classifyTitleUncached('VP Sales')).toBe(normalizeTitle('VP Sales'));
    expect(Object.isFrozen(normalizeTitle('VP Sales'))).toBe(true);
  });

  it('never throws and only returns known seniorities and functions, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('constructor', '__proto__')),
        (raw) => {
          const { seniority, jobFunction, recognized } = normalizeTitle(raw);
          if (seniority !== undefined) expect(SENIORITIES).toContain(seniority);
          if (jobFunction !== undefined) expect(JOB_FUNCTIONS).toContain(jobFunction);
          expect(recognized).toBe(seniority !== undefined || jobFunction !== undefined);
        },
      ),
    );
  });

  it('ignores case, surrounding whitespace and doubled spaces', () => {
    const title = fc.constantFrom(...cases.map(([t]) => t));
    fc.assert(
      fc.property(title, fc.boolean(), fc.nat(3), (raw, upper, pad) => {
        const spaced = ' '.repeat(pad) + raw.replaceAll(' ', '  ') + ' '.repeat(pad);
        const variant = upper ? spaced.toUpperCase() : spaced.toLowerCase();
        expect(normalizeTitle(variant)).toBe(normalizeTitle(raw));
      }),
    );
  });

  it('keeps each vocabulary term in one seniority list and one function list', () => {
    const seniorityTerms = SENIORITY_TERMS.flatMap(([, terms]) => terms);
    const functionTerms = FUNCTION_TERMS.flatMap(([, , terms]) => terms);
    expect(seniorityTerms.filter((t, i) => seniorityTerms.indexOf(t) !== i)).toEqual([]);
    expect(functionTerms.filter((t, i) => functionTerms.indexOf(t) !== i)).toEqual([]);
  });

  it('writes vocabulary terms folded: lower case ASCII words separated by one space', () => {
    const all = [...SENIORITY_TERMS.flatMap(([, t]) => t), ...FUNCTION_TERMS.flatMap(([, , t]) => t)];
    expect(all.filter((term) => !/^[a-z0-9]+( [a-z0-9]+)*$/.test(term))).toEqual([]);
  });
});
