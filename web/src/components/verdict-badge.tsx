import { humanize } from '../format.js';

/** A verdict as a coloured pill: green qualified, red not qualified, amber needs info. */
export const VerdictBadge = ({ verdict }: { readonly verdict: string | undefined }) =>
  verdict === undefined ? (
    <span className="badge badge-none">undecided</span>
  ) : (
    <span className={`badge badge-${verdict}`}>{humanize(verdict)}</span>
  );

/** A 0–100 score with a small bar behind it. */
export const ScoreBar = ({ score }: { readonly score: number | undefined }) =>
  score === undefined ? (
    <span className="muted">—</span>
  ) : (
    <span className="score" title={`${score} of 100`}>
      <span className="score-bar" style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      <span className="score-value">{Math.round(score)}</span>
    </span>
  );
