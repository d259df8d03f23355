import type { InputField } from '../../../intake/input-fields.js';
import { mapHeader } from '../../../intake/map/map-header.js';
import { parseCompanySize } from '../../../intake/normalize/company-size.js';
import { normalizeEmail } from '../../../intake/normalize/email.js';
import { normalizeIndustry } from '../../../intake/normalize/industry.js';
import { normalizeTitle } from '../../../intake/normalize/title.js';
import { cellText } from './cell-values.js';

/** A derived column: its name, the input field it reads, and how a value becomes a category. */
interface Derived {
  readonly name: string;
  readonly field: InputField;
  readonly derive: (text: string) => string;
}

/**
 * leadsift's own normalized fields, offered to the model beside the raw columns: a title's
 * seniority and function, the email's type (work, free, disposable, …), the company's size band
 * and taxonomy industry. "Jr. Acct Exec" and "Account Executive" are different raw categories
 * but one seniority and one function, which the model can learn from far fewer rows.
 */
const DERIVED: readonly Derived[] = [
  { name: 'leadsift: seniority', field: 'title', derive: (t) => normalizeTitle(t).seniority ?? '' },
  { name: 'leadsift: job function', field: 'title', derive: (t) => normalizeTitle(t).jobFunction ?? '' },
  {
    name: 'leadsift: email type',
    field: 'email',
    derive: (t) => {
      const e = normalizeEmail(t);
      return e.ok ? e.type : 'invalid';
    },
  },
  { name: 'leadsift: company size band', field: 'employees', derive: (t) => parseCompanySize(t)?.band ?? '' },
  { name: 'leadsift: industry', field: 'industry', derive: (t) => normalizeIndustry(t)?.id ?? '' },
];

/** The prefix of every derived column, so that they never collide with a file's own columns. */
export const LEADSIFT_PREFIX = 'leadsift: ';

/** The derived columns a header allows, and how to compute them for a row of that header. */
export interface LeadsiftColumns {
  readonly names: readonly string[];
  /** The derived values of a row whose fields follow the header; '' when not derivable. */
  readonly derive: (fields: readonly string[]) => string[];
}

/**
 * Finds the title, email, company-size and industry columns of a header by leadsift's header
 * mapping (the same synonyms intake uses) and compiles the derived columns they allow. A header
 * with none of them derives nothing.
 */
export const leadsiftColumns = (header: readonly string[]): LeadsiftColumns => {
  const mapping = mapHeader(header.filter((h) => !h.startsWith(LEADSIFT_PREFIX)));
  const at = new Map<InputField, number>();
  mapping.fields.forEach((field, k) => at.set(field, mapping.fieldColumns[k] as number));
  const usable = DERIVED.filter((d) => at.has(d.field));
  const sources = usable.map((d) => header.indexOf(mapping.header[at.get(d.field) as number] as string));
  return {
    names: usable.map((d) => d.name),
    derive: (fields) =>
      usable.map((d, i) => {
        const text = cellText(fields[sources[i] as number]);
        return text.length === 0 ? '' : d.derive(text);
      }),
  };
};

/** A table with leadsift's derived columns appended (when its header allows any). */
export const withLeadsiftColumns = <
  T extends { readonly header: readonly string[]; readonly columns: readonly string[][] },
>(
  table: T,
): T => {
  const lc = leadsiftColumns(table.header);
  const fresh = lc.names.filter((name) => !table.header.includes(name));
  if (fresh.length === 0) return table;
  const rows = table.columns[0]?.length ?? 0;
  const added: string[][] = fresh.map(() => new Array<string>(rows));
  const fields = new Array<string>(table.header.length);
  const picks = fresh.map((name) => lc.names.indexOf(name));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < fields.length; c++) fields[c] = (table.columns[c] as string[])[r] ?? '';
    const values = lc.derive(fields);
    picks.forEach((k, i) => ((added[i] as string[])[r] = values[k] ?? ''));
  }
  return { ...table, header: [...table.header, ...fresh], columns: [...table.columns, ...added] };
};
