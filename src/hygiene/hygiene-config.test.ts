import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { DEFAULT_DRIFT_THRESHOLDS } from '../learning/drift-thresholds.js';
import { loadHygieneConfig, parseHygieneConfig } from './hygiene-config.js';

const example = fileURLToPath(new URL('../../examples/hygiene.yaml', import.meta.url));

const problem = (text: string): string => {
  try {
    parseHygieneConfig(text, 'hygiene.yaml');
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) return error.message;
    throw error;
  }
  throw new Error('the file was accepted');
};

describe('the hygiene file', () => {
  it('reads the shipped example, frozen', async () => {
    const config = await loadHygieneConfig(example);
    expect(config).toEqual({
      reevaluate: { schedule: '0 3 * * *', silentDays: 60, minScoreChange: 5, batch: 1000 },
      retrain: {
        schedule: '0 4 * * 1',
        minAucGain: 0.01,
        maxLoglossLoss: 0.01,
        holdoutDays: 30,
        minHoldout: 40,
      },
      drift: {
        schedule: '30 4 * * *',
        recentDays: 28,
        baselineDays: 90,
        repeatDays: 7,
        sample: 20000,
        thresholds: DEFAULT_DRIFT_THRESHOLDS,
      },
    });
    expect(Object.isFrozen(config.reevaluate)).toBe(true);
  });

  it('takes an empty file: every setting keeps its default', () => {
    expect(parseHygieneConfig('', 'hygiene.yaml')).toEqual({ reevaluate: {}, retrain: {}, drift: {} });
  });

  it('names the line, the field and the expected form of each problem', () => {
    expect(problem("reevaluate:\n  silentDays: 60\n  schedule: 'at three'\n")).toBe(
      `hygiene.yaml:3: reevaluate.schedule: expected a five-field cron expression in UTC such as '0 3 * * *', got "at three"`,
    );
    expect(problem('retrain:\n  minAucGain: 2\n')).toBe(
      'hygiene.yaml:2: retrain.minAucGain: expected a number from 0 to 1',
    );
    expect(problem('drift:\n  recentDays: 2.5\n')).toBe(
      'hygiene.yaml:2: drift.recentDays: expected a whole number of days',
    );
    expect(problem('reevaluate:\n  silentDays: sixty\n')).toBe(
      'hygiene.yaml:2: reevaluate.silentDays: expected number',
    );
    expect(problem('reevaluate:\n  silent_days: 60\n')).toMatch(
      /^hygiene\.yaml:2: reevaluate: unknown key "silent_days"; expected schedule, silentDays, minScoreChange or batch$/,
    );
    // Every problem at once, each on its line.
    expect(problem("retrain:\n  schedule: '61 * * * *'\ndrift:\n  sample: 5\n").split('\n')).toEqual([
      expect.stringMatching(/^hygiene\.yaml:2: retrain\.schedule: expected a five-field cron/),
      'hygiene.yaml:4: drift.sample: expected leads from 100 to 10000000',
    ]);
  });

  it('reads drift alert thresholds, naming the line and field of a bad one', () => {
    expect(
      parseHygieneConfig('drift:\n  thresholds:\n    rate:\n      moderate: { points: 5 }\n', 'h.yaml').drift,
    ).toEqual({ thresholds: { rate: { moderate: { points: 5 } } } });
    expect(problem('drift:\n  thresholds:\n    calibration:\n      major: 1.5\n')).toBe(
      'hygiene.yaml:4: drift.thresholds.calibration.major: expected a number from 0 to 1',
    );
    expect(problem('drift:\n  thresholds:\n    rate:\n      major: { points: 120 }\n')).toBe(
      'hygiene.yaml:4: drift.thresholds.rate.major.points: expected percentage points from 0 to 100',
    );
    expect(problem('drift:\n  thresholds:\n    psi: { noise: 3 }\n')).toMatch(
      /^hygiene\.yaml:3: drift\.thresholds\.psi: unknown key "noise"; expected moderate, major or noiseMultiple$/,
    );
    // A moderate level above the major one, after the defaults: the major given is named.
    expect(problem('drift:\n  thresholds:\n    psi:\n      major: 0.05\n')).toBe(
      'hygiene.yaml:4: drift.thresholds.psi.major: expected at least the moderate level (0.1)',
    );
    expect(problem('drift:\n  thresholds:\n    rate:\n      moderate: { points: 30 }\n')).toBe(
      'hygiene.yaml:4: drift.thresholds.rate.moderate.points: expected at most the major level (20)',
    );
  });
});
