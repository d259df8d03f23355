import { signed } from '../format.js';
import type { Reason } from '../types.js';
import { factValue } from './fact-value.js';
import { ProvenanceNote } from './provenance-note.js';

/** Reasons with their effect on the score; with `facts`, each cited fact and where it came from. */
export const ReasonList = ({
  reasons,
  facts = false,
}: {
  readonly reasons: readonly Reason[];
  readonly facts?: boolean;
}) => (
  <ul className="reasons">
    {reasons.map((r, i) => (
      <li key={i} className={`reason reason-${r.kind}`}>
        <span className={`effect ${r.effect > 0 ? 'up' : r.effect < 0 ? 'down' : ''}`}>
          {r.effect === 0 ? '·' : signed(r.effect)}
        </span>
        <div>
          <div>{r.text}</div>
          {facts ? (
            <div className="muted small">
              {r.kind}
              {r.facts.map((f, j) => (
                <span key={j}>
                  {' · '}
                  {f.field} = {factValue(f.value)} <ProvenanceNote provenance={f.provenance} />
                </span>
              ))}
            </div>
          ) : null}
        </div>
      </li>
    ))}
  </ul>
);
