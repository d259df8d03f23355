import { createSeededRandom, type SeededRandom } from '../../../domain/seeded-random.js';
import type { TrainingTable } from '../features/training-table.js';

/** How a generated history is drawn and written. */
export interface HistoryOptions {
  readonly rows: number;
  readonly seed: number;
  /** The label column's name (default `Outcome`). */
  readonly labelColumn?: string;
  /** How converted and unconverted rows are written (default `['1', '0']`). */
  readonly labels?: readonly [positive: string, negative: string];
  /** Adds `Stage`: a copy of the label ("Closed" / "Open") with 1 % of rows flipped. */
  readonly leak?: boolean;
}

/** A generated labelled history: its rows (column → text), the label and the true probability of each. */
export interface GeneratedHistory {
  readonly header: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly labels: Uint8Array;
  /** The probability each row converted with, from the known rule. */
  readonly truth: Float64Array;
}

const SOURCES = [
  ['Google', 35],
  ['Direct', 20],
  ['Referral', 15],
  ['Event', 12],
  ['Olark Chat', 13],
  ['Select', 5], // a placeholder: read as missing
] as const;
const COLOURS = ['red', 'green', 'blue', 'amber'];
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 0, 1);
/** The latest possible first contact: the training plan's date reference is about this day. */
export const LAST_CONTACT = FIRST_DAY + 364 * DAY;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * The known rule behind the labels, in log-odds. Visits and minutes help, Referral helps and
 * Direct hurts, and an interaction: an opted-in Event lead converts far more than either alone.
 * Contact in the last 60 days of the year helps; `Noise` and `Colour` do nothing.
 */
export const trueLogOdds = (lead: {
  readonly visits: number | undefined;
  readonly minutes: number;
  readonly source: string;
  readonly optedIn: boolean;
  readonly contactDay: number;
}): number =>
  -6 +
  (lead.visits === undefined ? -1 : 0.9 * Math.min(lead.visits, 10)) +
  0.15 * lead.minutes +
  (lead.source === 'Referral' ? 3 : lead.source === 'Direct' ? -2.5 : 0) +
  (lead.source === 'Event' && lead.optedIn ? 4.5 : 0) +
  (lead.contactDay >= 305 ? 2 : 0);

const drawRow = (random: SeededRandom, i: number) => {
  const visits = random.chance(0.06) ? undefined : Math.floor(Math.exp(1 + 0.7 * random.normal()));
  const minutes = Math.round(random.next() * 3000) / 100;
  const source = random.weighted(SOURCES);
  const optedIn = random.chance(0.4);
  const contactDay = random.int(0, 364);
  const z = trueLogOdds({ visits, minutes, source, optedIn, contactDay });
  const cells: Record<string, string> = {
    'Lead Id': String(100_000 + i),
    Visits: visits === undefined ? '' : String(visits),
    'Minutes On Site': minutes.toFixed(2),
    Source: source,
    'Opted In': optedIn ? 'Yes' : 'No',
    'First Contact': new Date(FIRST_DAY + contactDay * DAY).toISOString().slice(0, 10),
    Noise: (random.normal() * 2).toFixed(3),
    Colour: random.pick(COLOURS),
    Notes: `call note ${i} ${random.int(0, 1e9).toString(36)}`,
  };
  return { cells, p: sigmoid(z) };
};

/**
 * A labelled history of `rows` leads drawn from `trueLogOdds` with a seeded generator: numeric
 * (`Visits` with 6 % missing, `Minutes On Site`), categorical (`Source`, 5 % "Select"), boolean
 * (`Opted In`), date (`First Contact`), noise (`Noise`, `Colour`), an identifier (`Lead Id`) and
 * free text (`Notes`). The same options give the same history.
 */
export const generateHistory = (o: HistoryOptions): GeneratedHistory => {
  const random = createSeededRandom(o.seed);
  const column = o.labelColumn ?? 'Outcome';
  const [yes, no] = o.labels ?? ['1', '0'];
  const labels = new Uint8Array(o.rows);
  const truth = new Float64Array(o.rows);
  const rows = Array.from({ length: o.rows }, (_, i) => {
    const { cells, p } = drawRow(random, i);
    const y = random.chance(p) ? 1 : 0;
    labels[i] = y;
    truth[i] = p;
    const stage = (y === 1) !== random.chance(0.01) ? 'Closed' : 'Open';
    return { ...cells, ...(o.leak === true ? { Stage: stage } : {}), [column]: y === 1 ? yes : no };
  });
  const header = Object.keys(rows[0] ?? {});
  return { header, rows, labels, truth };
};

/** Rows as delimited text with a header line; values must not contain the delimiter or quotes. */
export const toDelimited = (
  header: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
  delimiter = ',',
): string =>
  [header.join(delimiter), ...rows.map((r) => header.map((h) => r[h] ?? '').join(delimiter))].join('\n') +
  '\n';

/** A generated history as the table `readTrainingTable` would read from it (label `Outcome`, 0/1). */
export const historyTable = (history: GeneratedHistory, source = 'history.csv'): TrainingTable => {
  const header = history.header.filter((h) => h !== 'Outcome');
  return {
    source,
    header,
    columns: header.map((h) => history.rows.map((r) => r[h] ?? '')),
    labels: history.labels,
    lines: Int32Array.from(history.rows, (_, i) => i + 2),
    rowsRead: history.rows.length,
    rejected: [],
    label: { column: 'Outcome' },
  };
};
