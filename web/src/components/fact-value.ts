/** A fact's value as text: lists joined, ranges as `50–200` or `10000+`. */
export const factValue = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(factValue).join(', ');
  if (typeof value === 'object') {
    const range = value as { min?: number; max?: number };
    if (typeof range.min === 'number')
      return range.max === undefined
        ? `${range.min}+`
        : range.min === range.max
          ? String(range.min)
          : `${range.min}–${range.max}`;
    return JSON.stringify(value);
  }
  return String(value);
};
