import type { Provenance } from '../types.js';

/** Where a fact came from, in a few words: the input line, the rule, the provider, the prospect. */
export const provenanceText = (p: Provenance): string => {
  switch (p.source) {
    case 'input':
      return [
        'input',
        p.origin?.split('/').pop(),
        p.line === undefined ? undefined : `line ${p.line}`,
        p.column,
      ]
        .filter(Boolean)
        .join(' ');
    case 'normalization':
      return `derived from ${p.from} (${p.rule})`;
    case 'enrichment':
      return `${p.provider}, ${Math.round(p.confidence * 100)} % sure${p.verified === false ? ', unverified' : ''}`;
    case 'prospect':
      return `said by the prospect (${p.channel}${p.messageIndex === undefined ? '' : `, their message ${p.messageIndex}`})`;
  }
};

export const ProvenanceNote = ({ provenance }: { readonly provenance: Provenance }) => (
  <span className={`prov prov-${provenance.source}`} title={provenance.at}>
    {provenanceText(provenance)}
  </span>
);
