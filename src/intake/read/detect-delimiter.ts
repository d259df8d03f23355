/** The delimiters leadsift recognizes in delimited text. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** A field delimiter: comma, semicolon, tab or pipe. */
export type Delimiter = (typeof DELIMITERS)[number];

const SAMPLE_LINES = 20;

/** Per line of the sample, how often each candidate occurs outside quotes. */
const countPerLine = (sample: string): number[][] => {
  const rows: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let inQuotes = false;
  for (let i = 0; i < sample.length && rows.length < SAMPLE_LINES; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n') {
      if (counts.some((n) => n > 0)) rows.push(counts);
      counts = DELIMITERS.map(() => 0);
    } else {
      const k = DELIMITERS.indexOf(c as Delimiter);
      if (k !== -1) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  if (counts.some((n) => n > 0) && rows.length < SAMPLE_LINES) rows.push(counts);
  return rows;
};

/**
 * Guesses the delimiter from the first lines of a file, outside quoted text: the candidate
 * that occurs on the header line and the same number of times (or once more, for a trailing
 * delimiter) on most following lines; ties go to the one with more columns, then to the order
 * of `DELIMITERS`. A file with none of them is one column wide: comma.
 */
export const detectDelimiter = (sample: string): Delimiter => {
  const rows = countPerLine(sample);
  const [first, ...rest] = rows;
  if (first === undefined) return ',';
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestWidth = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const width = first[k] ?? 0;
    if (width === 0) return;
    const score = rest.filter((row) => row[k] === width || row[k] === width + 1).length;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = delimiter;
      bestScore = score;
      bestWidth = width;
    }
  });
  return best;
};
