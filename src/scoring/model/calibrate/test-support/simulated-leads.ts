/** A seeded xorshift32 generator of uniform numbers in [0, 1): the same seed, the same stream. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed | 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
};

/** A standard normal draw (Box–Muller). */
export const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Simulated leads: a model score for each and whether it converted. */
export interface SimulatedLeads {
  readonly raw: Float64Array;
  readonly labels: Uint8Array;
}

/**
 * `n` leads with raw scores drawn from N(0, sd²), each converting with probability
 * `truth(raw)`, from a seeded stream.
 */
export const simulateLeads = (
  seed: number,
  n: number,
  sd: number,
  truth: (raw: number) => number,
): SimulatedLeads => {
  const random = seededRandom(seed);
  const raw = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    raw[i] = sd * normal(random);
    labels[i] = random() < truth(raw[i]!) ? 1 : 0;
  }
  return { raw, labels };
};

/** The logistic function 1 / (1 + e^−z): the probability a log-odds score claims. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
