import { humanize } from '../format.js';

/** A labelled filter: "All" or one of the options (shown by name when one is given). */
export const Select = ({
  label,
  value,
  onChange,
  options,
  names = {},
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly string[];
  readonly names?: Readonly<Record<string, string>>;
}) => (
  <label className="select">
    <span>{label}</span>
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {names[o] ?? humanize(o)}
        </option>
      ))}
    </select>
  </label>
);
