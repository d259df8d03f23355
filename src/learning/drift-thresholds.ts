/** The alert levels of one comparison: moderate from one value, major from a larger one. */
export interface Levels {
  readonly moderate: number;
  readonly major: number;
}

/** When a rate's move is an alert: by at least `points` percentage points with |z| at least `z`. */
export interface RateLevel {
  readonly points: number;
  readonly z: number;
}

/**
 * When the drift check raises an alert, and how loud. Each has a default (the usual reading of
 * each figure); a hygiene file's `drift.thresholds` may make any of them stricter or looser.
 */
export interface DriftThresholds {
  /**
   * A column's population stability index: moderate from `moderate`, major above `major`, and an
   * alert only when it is also `noiseMultiple` times what samples this small reach by chance.
   */
  readonly psi: Levels & { readonly noiseMultiple: number };
  /** How much the expected calibration error grew since training: moderate, major. */
  readonly calibration: Levels;
  /** The AE acceptance and false-negative rates: both the move and the z test must reach a level. */
  readonly rate: { readonly moderate: RateLevel; readonly major: RateLevel };
}

/** Today's thresholds: PSI 0.1 / 0.25 and 3× noise; calibration error +0.05 / +0.10; rates 10 points and z 2 / 20 points and z 3. */
export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = Object.freeze({
  psi: Object.freeze({ moderate: 0.1, major: 0.25, noiseMultiple: 3 }),
  calibration: Object.freeze({ moderate: 0.05, major: 0.1 }),
  rate: Object.freeze({
    moderate: Object.freeze({ points: 10, z: 2 }),
    major: Object.freeze({ points: 20, z: 3 }),
  }),
});

type Some<T> = { readonly [K in keyof T]?: T[K] | undefined };

/** Thresholds as a hygiene file gives them: any part may be left out. */
export interface PartialDriftThresholds {
  readonly psi?: Some<DriftThresholds['psi']> | undefined;
  readonly calibration?: Some<Levels> | undefined;
  readonly rate?:
    | { readonly moderate?: Some<RateLevel> | undefined; readonly major?: Some<RateLevel> | undefined }
    | undefined;
}

/** `given`'s values over `base`'s, where given. */
const over = <T extends object>(base: T, given: Some<T> | undefined): T =>
  Object.freeze({
    ...base,
    ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)),
  }) as T;

/** The given thresholds over the defaults, frozen. */
export const driftThresholds = (given: PartialDriftThresholds = {}): DriftThresholds => {
  const d = DEFAULT_DRIFT_THRESHOLDS;
  return Object.freeze({
    psi: over(d.psi, given.psi),
    calibration: over(d.calibration, given.calibration),
    rate: Object.freeze({
      moderate: over(d.rate.moderate, given.rate?.moderate),
      major: over(d.rate.major, given.rate?.major),
    }),
  });
};
