/** A figure with its label and a line saying what it counts. */
export const Stat = ({
  label,
  value,
  hint,
  testId,
}: {
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
  readonly testId?: string;
}) => (
  <div className="stat card" data-stat={testId}>
    <div className="stat-label">{label}</div>
    <div className="stat-value">{value}</div>
    {hint === undefined ? null : <div className="muted small">{hint}</div>}
  </div>
);
