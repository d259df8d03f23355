import type { Verdict } from '../domain/decision.js';
import { expandRegions } from './regions.js';
import type { AssignStrategy, RoutingSection, RoutingTarget, RoutingWhen } from './routing-schema.js';

/** A territory with its regions expanded into countries. */
export interface Territory {
  readonly name: string;
  readonly countries: readonly string[];
}

/** A rep with every default filled in. */
export interface Rep {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly territories: readonly string[];
  readonly weight: number;
  readonly active: boolean;
}

/** Where a rule sends a lead, as one of four kinds. */
export type Target =
  | {
      readonly kind: 'assign';
      /** Tried in order until one finds an active rep. */
      readonly strategies: readonly AssignStrategy[];
      /** The rep ids to choose among; every rep when absent. */
      readonly reps?: readonly string[];
    }
  | { readonly kind: 'nurture'; readonly sequence: string }
  | { readonly kind: 'disqualify' }
  | { readonly kind: 'review' };

/** When a rule applies; an absent condition always holds. */
export interface RuleCondition {
  readonly verdicts?: readonly Verdict[];
  readonly grades?: readonly string[];
  readonly playbooks?: readonly string[];
  readonly territories?: readonly string[];
  readonly minScore?: number;
  readonly maxScore?: number;
}

/** A routing rule; `key` is its name, or `rules[i]` for an unnamed one. */
export interface Rule {
  readonly key: string;
  readonly when: RuleCondition;
  readonly to: Target;
}

/** The routing section resolved: defaults applied, regions expanded, destinations typed. */
export interface Routing {
  readonly mode: 'autonomous' | 'assisted';
  /** Playbooks in assisted mode whatever `mode` says. */
  readonly assisted: readonly string[];
  /** In file order: a lead is in the first territory listing its country. */
  readonly territories: readonly Territory[];
  readonly reps: readonly Rep[];
  /** The first match wins. */
  readonly rules: readonly Rule[];
  /** Where a lead goes when no rule matches. */
  readonly fallback: Target;
}

/**
 * The rules used when the file gives none: qualified leads round-robin over every active rep
 * (the review queue when there is none), needs_info into the `needs-info` nurture sequence,
 * not_qualified out.
 */
export const DEFAULT_ROUTING_RULES: readonly Rule[] = [
  {
    key: 'qualified',
    when: { verdicts: ['qualified'] },
    to: { kind: 'assign', strategies: ['round-robin'] },
  },
  { key: 'needs-info', when: { verdicts: ['needs_info'] }, to: { kind: 'nurture', sequence: 'needs-info' } },
  { key: 'not-qualified', when: { verdicts: ['not_qualified'] }, to: { kind: 'disqualify' } },
];

const target = (t: RoutingTarget): Target => {
  if (t.assign !== undefined) {
    const strategies = t.assign;
    return t.reps === undefined
      ? { kind: 'assign', strategies }
      : { kind: 'assign', strategies, reps: t.reps };
  }
  if (t.nurture !== undefined) return { kind: 'nurture', sequence: t.nurture };
  if (t.disqualify === true) return { kind: 'disqualify' };
  return { kind: 'review' };
};

/** Only the conditions the file gives, so that absent ones stay absent. */
const condition = (when: RoutingWhen): RuleCondition =>
  Object.fromEntries(Object.entries(when).filter(([, v]) => v !== undefined)) as RuleCondition;

/** Resolve a criteria file's `routing` section (or its absence) into complete routing. */
export const resolveRouting = (section: RoutingSection | undefined): Routing => {
  const territories = Object.entries(section?.territories ?? {}).map(([name, countries]): Territory => ({
    name,
    countries: expandRegions(countries),
  }));
  const reps = (section?.reps ?? []).map((r): Rep => ({
    id: r.id,
    name: r.name,
    email: r.email,
    territories: r.territories ?? [],
    weight: r.weight ?? 1,
    active: r.active ?? true,
  }));
  const rules =
    section?.rules === undefined
      ? DEFAULT_ROUTING_RULES
      : section.rules.map((r, i): Rule => ({
          key: r.name ?? `rules[${i}]`,
          when: condition(r.when),
          to: target(r.to),
        }));
  return {
    mode: section?.mode ?? 'autonomous',
    assisted: section?.assisted ?? [],
    territories,
    reps,
    rules,
    fallback: section?.default === undefined ? { kind: 'review' } : target(section.default),
  };
};
