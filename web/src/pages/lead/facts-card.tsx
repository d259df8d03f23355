import { factValue } from '../../components/fact-value.js';
import { ProvenanceNote } from '../../components/provenance-note.js';
import { humanize } from '../../format.js';
import type { Fact, Lead } from '../../types.js';

type Facts = Readonly<Record<string, Fact<unknown> | undefined>>;

/** Every known fact of a lead, labelled, with its value and where it came from. */
const factsOf = (lead: Lead): Array<{ label: string; fact: Fact<unknown> }> => {
  const rows: Array<{ label: string; fact: Fact<unknown> }> = [];
  // Known fields are camelCase (`emailType` → "email type"); custom fields keep their own names.
  const add = (
    prefix: string,
    facts: Facts,
    spell = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
  ) => {
    for (const [key, fact] of Object.entries(facts))
      if (fact !== undefined) rows.push({ label: `${prefix}${spell(key)}`, fact });
  };
  if (lead.source !== undefined) rows.push({ label: 'source', fact: lead.source });
  add('', lead.person as Facts);
  add('company ', lead.company as Facts);
  add('', lead.custom, humanize);
  return rows;
};

/** The lead's facts with their provenance: input line, normalization rule, provider, prospect. */
export const FactsCard = ({ lead }: { readonly lead: Lead }) => (
  <div className="card">
    <h2>Facts</h2>
    <table className="facts">
      <tbody>
        {factsOf(lead).map(({ label, fact }) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{factValue(fact.value)}</td>
            <td>
              <ProvenanceNote provenance={fact.provenance} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
