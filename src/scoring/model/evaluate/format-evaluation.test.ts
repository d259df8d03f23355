import { describe, expect, it } from 'vitest';
import { evaluateScores } from './evaluate-scores.js';
import { formatEvaluation } from './format-evaluation.js';

describe('formatEvaluation', () => {
  const probs = Float64Array.from({ length: 40 }, (_, i) => (i + 0.5) / 40);
  const labels = Uint8Array.from({ length: 40 }, (_, i) => (i % 3 === 0 || i > 30 ? 1 : 0));
  const report = evaluateScores(probs, labels);

  it('prints the headline metrics with sensible precision', () => {
    const text = formatEvaluation(report, { title: 'Held-out leads' });
    const [title, counts, metrics] = text.split('\n');
    expect(title).toBe('Held-out leads');
    expect(counts).toBe(
      `  rows 40   positives ${report.positives}   base rate ${(report.baseRate! * 100).toFixed(1)}%`,
    );
    expect(metrics).toBe(
      `  AUC ${report.auc!.toFixed(3)}   PR-AUC ${report.prAuc!.toFixed(3)}   ` +
        `log-loss ${report.logloss!.toFixed(4)}   Brier ${report.brier!.toFixed(4)}`,
    );
  });

  it('prints the calibration, decile and threshold tables as aligned columns', () => {
    const lines = formatEvaluation(report).split('\n');
    const header = lines.indexOf('  decile  rows  positives    rate   lift  cum. gain');
    expect(header).toBeGreaterThan(0);
    const first = report.deciles[0]!;
    const rate = `${(first.rate * 100).toFixed(1)}%`.padStart(6);
    const gain = `${(first.cumulativeGain * 100).toFixed(1)}%`.padStart(9);
    expect(lines[header + 1]).toBe(
      `       1     4  ${String(first.positives).padStart(9)}  ${rate}  ${first.lift.toFixed(2)}x  ${gain}`,
    );
    expect(lines).toContain('  bin      rows  predicted  observed');
    expect(lines.some((l) => l.startsWith('  0–0.1 '))).toBe(true);
    expect(lines).toContain('  threshold  flagged  precision  recall');
  });

  it('lists the most important features first, with their share of the total', () => {
    const importance = [
      { name: 'title_seniority', importance: 0.2 },
      { name: 'company_size', importance: 0.6 },
      { name: 'visits_30d', importance: 0.2 },
    ];
    const text = formatEvaluation(report, { importance });
    const features = text.slice(text.indexOf('Top features (of 3)')).split('\n');
    expect(features.slice(1)).toEqual([
      '  feature          importance  share',
      '  company_size            0.6  60.0%',
      '  title_seniority         0.2  20.0%',
      '  visits_30d              0.2  20.0%',
    ]);
  });

  it('prints n/a for metrics the data cannot define', () => {
    const text = formatEvaluation(evaluateScores([0.4, 0.7], Uint8Array.from([0, 0])));
    expect(text).toContain('AUC n/a   PR-AUC n/a');
  });
});
