import type { CitedFact } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { Fact } from '../domain/provenance.js';

/** What a template may name: the contact's and its company's facts. */
export type TemplateSubject = Pick<Lead, 'person' | 'company' | 'custom'>;

/** A rendered message and the facts it used, or the variables it could not fill. */
export type RenderedMessage =
  | {
      readonly ok: true;
      readonly subject?: string;
      readonly text: string;
      readonly facts: readonly CitedFact[];
    }
  | { readonly ok: false; readonly missing: readonly string[]; readonly unknown: readonly string[] };

const VARIABLE = /\{\{\s*([a-zA-Z]+\.[a-zA-Z0-9_]+)\s*\}\}/g;
const SECTION = /\{\{#if\s+([a-zA-Z]+\.[a-zA-Z0-9_]+)\s*\}\}([\s\S]*?)\{\{\/if\s*\}\}/g;
const MAX_VALUE = 120;

const factAt = (subject: TemplateSubject, path: string): Fact<unknown> | undefined | null => {
  const [scope, key = ''] = path.split('.');
  const facts =
    scope === 'person'
      ? subject.person
      : scope === 'company'
        ? subject.company
        : scope === 'custom'
          ? subject.custom
          : null;
  if (facts === null) return null;
  return (facts as Readonly<Record<string, Fact<unknown> | undefined>>)[key];
};

const number = new Intl.NumberFormat('en-US');

/** A fact's value as words in a sentence: ranges as "51–200", lists joined, slugs spaced, one line. */
export const sayValue = (value: unknown): string => {
  if (typeof value === 'number') return number.format(value);
  if (Array.isArray(value)) return value.map(sayValue).join(', ');
  if (value !== null && typeof value === 'object' && 'min' in value) {
    const { min, max } = value as { min: number; max?: number };
    return max === undefined
      ? `${number.format(min)}+`
      : min === max
        ? number.format(min)
        : `${number.format(min)}–${number.format(max)}`;
  }
  const text = String(value).replace(/\s+/g, ' ').trim();
  const spaced = /^[a-z]+(_[a-z]+)+$/.test(text) ? text.replace(/_/g, ' ') : text;
  return spaced.length > MAX_VALUE ? `${spaced.slice(0, MAX_VALUE - 1)}…` : spaced;
};

/**
 * Fills a template with the contact's stored facts: `{{person.firstName}}`,
 * `{{company.industry}}`, … and `{{#if company.city}}…{{/if}}` for a part written only when the
 * fact is known. Every variable outside such a part must be a known fact, or nothing is
 * written (`missing` lists them): no invented personalization. The message keeps each fact it
 * used, with its provenance.
 */
export const renderMessage = (
  template: { readonly subject?: string; readonly text: string },
  subject: TemplateSubject,
): RenderedMessage => {
  const used = new Map<string, CitedFact>();
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const fill = (text: string): string =>
    text
      .replace(SECTION, (_all, path: string, body: string) => {
        const fact = factAt(subject, path);
        if (fact === null) unknown.add(path);
        return fact === undefined || fact === null ? '' : body;
      })
      .replace(VARIABLE, (_all, path: string) => {
        const fact = factAt(subject, path);
        if (fact === null) {
          unknown.add(path);
          return '';
        }
        if (fact === undefined) {
          missing.add(path);
          return '';
        }
        used.set(path, { field: path, value: fact.value, provenance: fact.provenance });
        return sayValue(fact.value);
      });
  const subjectLine = template.subject === undefined ? undefined : fill(template.subject).trim();
  const text = fill(template.text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (missing.size > 0 || unknown.size > 0)
    return { ok: false, missing: [...missing], unknown: [...unknown] };
  return {
    ok: true,
    ...(subjectLine === undefined ? {} : { subject: subjectLine }),
    text,
    facts: [...used.values()],
  };
};
