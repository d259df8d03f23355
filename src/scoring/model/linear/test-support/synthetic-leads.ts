import type { FeatureInfo, FeatureMatrix } from '../../feature-matrix.js';

/** A seeded uniform generator on [0, 1) (mulberry32), so every test sees the same data. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A standard normal draw by Box–Muller. */
export const gaussian = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A numeric feature description. */
export const numeric = (name: string): FeatureInfo => ({
  name,
  kind: 'numeric',
  categories: [],
  column: name,
});

/** A categorical feature description with the given labels as codes 0, 1, … */
export const categorical = (name: string, categories: string[]): FeatureInfo => ({
  name,
  kind: 'categorical',
  categories,
  column: name,
});

/** Builds a matrix by calling `value(feature, row)` for every cell. */
export const matrixOf = (
  features: FeatureInfo[],
  rows: number,
  value: (feature: number, row: number) => number,
): FeatureMatrix => ({
  rows,
  features,
  columns: features.map((_, f) => Float64Array.from({ length: rows }, (_, i) => value(f, i))),
});

/** Draws a 0/1 label for each row with P(1) = sigmoid(logOdds[row]). */
export const labelsFor = (logOdds: Float64Array, random: () => number): Uint8Array =>
  Uint8Array.from(logOdds, (eta) => (random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0));

/** The known model behind `knownLeads`: log-odds = −0.5 + 1.2·visits − 0.4·size + channel effect. */
export const KNOWN = { intercept: -0.5, visits: 1.2, size: -0.4, channel: [0, 1, -0.8], noise: 0 } as const;

/**
 * Leads drawn from `KNOWN`: visits ~ N(0, 1), size ~ N(5, 3²), channel uniform over three
 * codes, noise ~ N(0, 1) with no effect. No missing values.
 */
export const knownLeads = (rows: number, seed: number): { matrix: FeatureMatrix; labels: Uint8Array } => {
  const random = seededRandom(seed);
  const features = [
    numeric('visits'),
    numeric('size'),
    categorical('channel', ['ads', 'referral', 'event']),
    numeric('noise'),
  ];
  const draw = [
    () => gaussian(random),
    () => 5 + 3 * gaussian(random),
    () => Math.floor(random() * 3),
    () => gaussian(random),
  ];
  const matrix = matrixOf(features, rows, (f) => (draw[f] as () => number)());
  const [visits, size, channel] = matrix.columns as [Float64Array, Float64Array, Float64Array];
  const logOdds = Float64Array.from({ length: rows }, (_, i) => {
    const effect = KNOWN.channel[channel[i] as number] as number;
    return KNOWN.intercept + KNOWN.visits * (visits[i] as number) + KNOWN.size * (size[i] as number) + effect;
  });
  return { matrix, labels: labelsFor(logOdds, random) };
};
