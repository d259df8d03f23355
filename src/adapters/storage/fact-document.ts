import type { Lead } from '../../domain/lead.js';
import type { Fact, Provenance } from '../../domain/provenance.js';

/** The part of a lead stored as one JSON document: every fact with its provenance, consent, custom, raw. */
export type LeadFactsJson = Pick<Lead, 'source' | 'person' | 'company' | 'consent' | 'custom' | 'raw'>;

/**
 * A fact as stored: its value, raw text, the index of its provenance in the document's table
 * and, for input facts, the column (the only part of an input provenance that differs between
 * the fields of one row).
 */
interface StoredFact {
  readonly v: unknown;
  readonly r?: string;
  readonly p: number;
  readonly c?: string;
}

type FactGroup = Readonly<Record<string, Fact<unknown> | undefined>>;

const GROUPS = ['person', 'company', 'custom'] as const;

/** An input provenance as shared by all the fields of its row: without the column. */
const withoutColumn = (p: Provenance & { source: 'input' }): Provenance => {
  const shared: { -readonly [K in keyof typeof p]: (typeof p)[K] } = { source: 'input', at: p.at };
  if (p.origin !== undefined) shared.origin = p.origin;
  if (p.line !== undefined) shared.line = p.line;
  return shared;
};

/**
 * Encode a lead's facts compactly: the provenances of a row's facts are nearly all the same
 * (one file, one line, one time), so each distinct provenance is written once in a table and
 * facts point at it. A lead from a CSV row shrinks about fivefold, which is most of what an
 * import spends in `JSON.stringify` and in SQLite's page writes.
 */
export const encodeFacts = (doc: LeadFactsJson): string => {
  const table: Provenance[] = [];
  const index = new Map<string, number>();
  const ref = (fact: Fact<unknown>): StoredFact => {
    const p = fact.provenance;
    const column = p.source === 'input' ? p.column : undefined;
    const key =
      p.source === 'input'
        ? `i|${p.at}|${p.origin ?? ''}|${p.line ?? ''}`
        : p.source === 'normalization'
          ? `n|${p.at}|${p.rule}|${p.from}`
          : JSON.stringify(p);
    let at = index.get(key);
    if (at === undefined) {
      at = table.push(column === undefined ? p : withoutColumn(p as Provenance & { source: 'input' })) - 1;
      index.set(key, at);
    }
    const stored: { v: unknown; r?: string; p: number; c?: string } = { v: fact.value, p: at };
    if (fact.raw !== undefined) stored.r = fact.raw;
    if (column !== undefined) stored.c = column;
    return stored;
  };
  const groups: Record<string, Record<string, StoredFact>> = {};
  for (const name of GROUPS) {
    const group: Record<string, StoredFact> = {};
    const facts = doc[name] as FactGroup;
    for (const field in facts) {
      const fact = facts[field];
      if (fact !== undefined) group[field] = ref(fact);
    }
    groups[name] = group;
  }
  const source = doc.source === undefined ? undefined : ref(doc.source);
  return JSON.stringify({ p: table, ...groups, s: source, consent: doc.consent, raw: doc.raw });
};

const decodeGroup = (
  group: Record<string, StoredFact>,
  table: readonly Provenance[],
): Record<string, Fact<unknown>> => {
  const facts: Record<string, Fact<unknown>> = {};
  for (const field in group) facts[field] = decodeFact(group[field]!, table);
  return facts;
};

const decodeFact = (stored: StoredFact, table: readonly Provenance[]): Fact<unknown> => {
  const shared = table[stored.p];
  if (shared === undefined)
    throw new Error(`fact points at provenance ${stored.p}, which the document lacks`);
  const provenance: Provenance =
    stored.c === undefined ? shared : ({ ...shared, column: stored.c } as Provenance);
  return stored.r === undefined
    ? { value: stored.v, provenance }
    : { value: stored.v, raw: stored.r, provenance };
};

/** Decode what `encodeFacts` wrote. */
export const decodeFacts = (text: string): LeadFactsJson => {
  const doc = JSON.parse(text) as {
    p: Provenance[];
    person: Record<string, StoredFact>;
    company: Record<string, StoredFact>;
    custom: Record<string, StoredFact>;
    s?: StoredFact;
    consent: Lead['consent'];
    raw: Lead['raw'];
  };
  const decoded = {
    person: decodeGroup(doc.person, doc.p),
    company: decodeGroup(doc.company, doc.p),
    consent: doc.consent,
    custom: decodeGroup(doc.custom, doc.p),
    raw: doc.raw,
  } as LeadFactsJson;
  return doc.s === undefined ? decoded : { ...decoded, source: decodeFact(doc.s, doc.p) as Fact<string> };
};
