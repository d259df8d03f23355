import type { Reason } from '../../domain/decision.js';
import type { CompanyFacts, NumericRange, PersonFacts } from '../../domain/lead.js';
import type { Fact } from '../../domain/provenance.js';
import type { FitRules } from '../../criteria/fit-rules.js';
import { INDUSTRY_TAXONOMY } from '../../intake/normalize/industry-taxonomy.js';
import { cite, emailWords, functionWords, rangeWords, seniorityWords, sizeWords } from './fit-reasons.js';

/** The facts fit is scored on. */
export interface FitFacts {
  readonly person: PersonFacts;
  readonly company: CompanyFacts;
}

/** A fit score: points earned, the most the rules can give, the 0–100 score, and why. */
export interface FitScore {
  readonly points: number;
  readonly max: number;
  /** points / max, as 0–100 (0 when the rules can give nothing). */
  readonly score: number;
  readonly reasons: readonly Reason[];
}

const LABELS = new Map<string, string>(INDUSTRY_TAXONOMY.map((i) => [i.id, i.label]));

/** The number a size or revenue range stands for: its midpoint, or its minimum when open. */
const representative = (range: NumericRange): number =>
  range.max === undefined ? range.min : (range.min + range.max) / 2;

const best = (points: Readonly<Partial<Record<string, number>>> | undefined): number =>
  Math.max(0, ...Object.values(points ?? {}).map((p) => p ?? 0));

const inRange = (value: number, rule: { min?: number | undefined; max?: number | undefined }): boolean =>
  (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);

type Scored = { points: number; reason: Reason };

const reason = (text: string, effect: number, facts: Reason['facts']): Scored => ({
  points: effect,
  reason: { text, kind: 'fit', effect, facts },
});

const levelRule = (
  points: Readonly<Partial<Record<string, number>>> | undefined,
  field: string,
  fact: Fact<string> | undefined,
  words: (value: string) => string,
): Scored | undefined => {
  if (points === undefined || fact === undefined) return undefined;
  return reason(words(fact.value), points[fact.value] ?? 0, [cite(field, fact)]);
};

const rangeRule = (
  rule: FitRules['employees'],
  field: string,
  fact: Fact<NumericRange> | undefined,
  describe: (value: NumericRange, target: string, hit: boolean) => string,
): Scored | undefined => {
  if (rule === undefined || fact === undefined) return undefined;
  const hit = inRange(representative(fact.value), rule);
  return reason(describe(fact.value, rangeWords(rule.min, rule.max), hit), hit ? rule.points : 0, [
    cite(field, fact),
  ]);
};

/**
 * Score how well a lead fits: each rule the lead's facts meet earns its points (a rule whose
 * fact is missing earns nothing and says nothing: the decision lists it as missing when it is
 * required). The score is the points earned over the most the rules can give, 0–100. Every
 * reason names its facts and their provenance.
 */
export const scoreFit = (rules: FitRules, { person, company }: FitFacts): FitScore => {
  const scored: (Scored | undefined)[] = [];
  const { industry, employees, revenue, technologies } = company;
  if (rules.industries !== undefined && industry !== undefined) {
    const hit = rules.industries.include.includes(industry.value);
    const label = LABELS.get(industry.value) ?? industry.value;
    scored.push(
      reason(`${label} ${hit ? 'is' : 'is not'} a target industry`, hit ? rules.industries.points : 0, [
        cite('company.industry', industry),
      ]),
    );
  }
  scored.push(
    rangeRule(
      rules.employees,
      'company.employees',
      employees,
      (v, target, hit) => `${sizeWords(v)} company, ${hit ? 'within' : 'outside'} the ${target} target`,
    ),
    rangeRule(
      rules.revenue,
      'company.revenue',
      revenue,
      (v, target, hit) =>
        `Revenue of $${rangeWords(v.min, v.max)}, ${hit ? 'within' : 'outside'} the $${target} target`,
    ),
  );
  const country = company.country ?? person.country;
  if (rules.countries !== undefined && country !== undefined) {
    const hit = rules.countries.include.includes(country.value);
    scored.push(
      reason(
        `Based in ${country.value}${hit ? ', a target country' : ', not a target country'}`,
        hit ? rules.countries.points : 0,
        [cite(company.country === undefined ? 'person.country' : 'company.country', country)],
      ),
    );
  }
  scored.push(
    levelRule(rules.seniority, 'person.seniority', person.seniority, seniorityWords),
    levelRule(
      rules.functions,
      'person.jobFunction',
      person.jobFunction,
      (f) => `Works in ${functionWords(f)}`,
    ),
    levelRule(rules.emailTypes, 'person.emailType', person.emailType, emailWords),
  );
  if (rules.technologies !== undefined && technologies !== undefined) {
    const wanted = new Set(rules.technologies.include.map((t) => t.toLowerCase()));
    const used = technologies.value.filter((t) => wanted.has(t.toLowerCase()));
    const text = used.length > 0 ? `Uses ${used.join(' and ')}` : 'Uses none of the target technologies';
    scored.push(
      reason(text, used.length > 0 ? rules.technologies.points : 0, [
        cite('company.technologies', technologies),
      ]),
    );
  }
  const max =
    Math.max(0, rules.industries?.points ?? 0) +
    Math.max(0, rules.employees?.points ?? 0) +
    Math.max(0, rules.revenue?.points ?? 0) +
    Math.max(0, rules.countries?.points ?? 0) +
    Math.max(0, rules.technologies?.points ?? 0) +
    best(rules.seniority) +
    best(rules.functions) +
    best(rules.emailTypes);
  const present = scored.filter((s): s is Scored => s !== undefined);
  const points = present.reduce((sum, s) => sum + s.points, 0);
  const score = max === 0 ? 0 : Math.min(100, Math.max(0, Math.round((100 * points) / max)));
  return { points, max, score, reasons: present.map((s) => s.reason) };
};
