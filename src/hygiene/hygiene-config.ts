import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { readDocumentFile } from '../documents/read-document-file.js';
import { isAppError } from '../domain/app-error.js';
import { driftThresholds } from '../learning/drift-thresholds.js';
import { checkSchedule } from '../scheduler/next-occurrence.js';

/** A five-field cron expression in UTC, checked as the scheduler reads it. */
const Cron = z.string().superRefine((value, ctx) => {
  try {
    checkSchedule({ cron: value }, 'hygiene file');
  } catch (error) {
    if (!isAppError(error)) throw error;
    ctx.addIssue({
      code: 'custom',
      message: `expected a five-field cron expression in UTC such as '0 3 * * *', got ${JSON.stringify(value)}`,
    });
  }
});

/** A whole number from `min` to `max`, saying so when it is not (zod's own `int` reads "expected int"). */
const Whole = (min: number, max: number, unit: string) =>
  z
    .number()
    .refine(Number.isInteger, `expected a whole number of ${unit}`)
    .refine((n) => n >= min && n <= max, `expected ${unit} from ${min} to ${max}`);

const Days = Whole(1, 3650, 'days');
const Share = z.number().min(0, 'expected a number from 0 to 1').max(1, 'expected a number from 0 to 1');

const Reevaluate = z
  .object({
    /** When every decided lead is decided again and silent ones flagged (default '0 3 * * *'). */
    schedule: Cron.optional(),
    /** Silence allowed before a qualified lead or open opportunity is flagged (default 60). */
    silentDays: Days.optional(),
    /** Same verdict, score moved by at least this much: stored as a new decision (default 5). */
    minScoreChange: Whole(0, 100, 'points').optional(),
    /** Leads per transaction (default 1000). */
    batch: Whole(1, 100_000, 'leads').optional(),
  })
  .strict();

const Retrain = z
  .object({
    /** When a new model is trained and judged against the active one (default '0 4 * * 1'). */
    schedule: Cron.optional(),
    /** Promote only when the new model's AUC on recent leads is better by at least this (default 0.01). */
    minAucGain: Share.optional(),
    /** …and its log loss is worse by no more than this (default 0.01). */
    maxLoglossLoss: Share.optional(),
    /** The recent holdout: outcomes of the last n days (default 30). */
    holdoutDays: Days.optional(),
    /** …when at least this many (default 40), else the newest 20 %. */
    minHoldout: Whole(2, 1_000_000, 'outcomes').optional(),
  })
  .strict();

const AtLeast = (min: number, max: number, what: string) =>
  z
    .number()
    .min(min, `expected ${what} from ${min} to ${max}`)
    .max(max, `expected ${what} from ${min} to ${max}`);

const RateLevel = z
  .object({
    /** The rate moved by at least this many percentage points… */
    points: AtLeast(0, 100, 'percentage points').optional(),
    /** …and the two-proportion |z| is at least this. */
    z: AtLeast(0, 100, 'a z statistic').optional(),
  })
  .strict();

/** Within a pair, the moderate level must not be above the major one (after the defaults). */
const inOrder = (
  given: { moderate?: number | undefined; major?: number | undefined } | undefined,
  resolved: { moderate: number; major: number },
  path: readonly (string | number)[],
  ctx: z.RefinementCtx,
  leaf: readonly string[] = [],
): void => {
  if (given === undefined || resolved.moderate <= resolved.major) return;
  const atMajor = given.major !== undefined;
  ctx.addIssue({
    code: 'custom',
    path: [...path, atMajor ? 'major' : 'moderate', ...leaf],
    message: atMajor
      ? `expected at least the moderate level (${resolved.moderate})`
      : `expected at most the major level (${resolved.major})`,
  });
};

const Thresholds = z
  .object({
    /** A column's population stability index: moderate from 0.1, major above 0.25, at 3× the noise. */
    psi: z
      .object({
        moderate: AtLeast(0, 10, 'a PSI').optional(),
        major: AtLeast(0, 10, 'a PSI').optional(),
        noiseMultiple: AtLeast(0, 1000, 'a multiple of the noise').optional(),
      })
      .strict()
      .optional(),
    /** How much the calibration error grew since training: moderate 0.05, major 0.10. */
    calibration: z.object({ moderate: Share.optional(), major: Share.optional() }).strict().optional(),
    /** AE acceptance and false-negative rates: moderate 10 points and |z| 2, major 20 and 3. */
    rate: z.object({ moderate: RateLevel.optional(), major: RateLevel.optional() }).strict().optional(),
  })
  .strict()
  .superRefine((given, ctx) => {
    const t = driftThresholds(given);
    inOrder(given.psi, t.psi, ['psi'], ctx);
    inOrder(given.calibration, t.calibration, ['calibration'], ctx);
    inOrder(
      given.rate === undefined
        ? undefined
        : { moderate: given.rate.moderate?.points, major: given.rate.major?.points },
      { moderate: t.rate.moderate.points, major: t.rate.major.points },
      ['rate'],
      ctx,
      ['points'],
    );
  });

const Drift = z
  .object({
    /** When drift is checked and alerts raised (default '30 4 * * *'). */
    schedule: Cron.optional(),
    /** Recent weeks: the last n days (default 28). */
    recentDays: Days.optional(),
    /** The training period: n days before the active model was trained (default 90). */
    baselineDays: Days.optional(),
    /** The same alert is not raised again within n days (default 7). */
    repeatDays: Days.optional(),
    /** Most leads read per period (default 20,000). */
    sample: Whole(100, 10_000_000, 'leads').optional(),
    /** When a comparison is an alert, and a major one (defaults in `DEFAULT_DRIFT_THRESHOLDS`). */
    thresholds: Thresholds.optional(),
  })
  .strict();

/**
 * A hygiene file (`serve|worker --hygiene <file>`): the settings of the scheduled tasks —
 * re-evaluation, retraining and the drift check. Every key is optional; what is absent keeps its
 * default, and a command-line option given explicitly wins over the file.
 */
export const HygieneConfig = z
  .object({
    reevaluate: Reevaluate.default({}),
    retrain: Retrain.default({}),
    drift: Drift.default({}),
  })
  .strict();
export type HygieneConfig = z.output<typeof HygieneConfig>;

const freeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Parses a hygiene file (YAML or JSON text). Throws CONFIG_INVALID listing every problem as
 * `file:line: path: what was expected`. The result is frozen.
 */
export const parseHygieneConfig = (text: string, fileName: string): HygieneConfig =>
  freeze(parseYamlDocument(text, fileName, HygieneConfig, 'CONFIG_INVALID'));

/** Reads a hygiene file; FILE_NOT_FOUND, FILE_UNREADABLE or CONFIG_INVALID. */
export const loadHygieneConfig = async (path: string): Promise<HygieneConfig> =>
  parseHygieneConfig(await readDocumentFile(path, 'hygiene file'), path);
