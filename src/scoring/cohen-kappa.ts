/**
 * Cohen's kappa of a square confusion matrix (rows: one rater, columns: the other): agreement
 * beyond what chance would give, (pₒ − pₑ) / (1 − pₑ). 1 is perfect agreement, 0 chance level,
 * negative worse than chance. When chance agreement is already total (both raters always gave
 * the same single label) kappa is 1 if they agree, as they then must.
 */
export const cohenKappa = (matrix: readonly (readonly number[])[]): number => {
  const n = matrix.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  if (n === 0) return Number.NaN;
  const k = matrix.length;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    observed += matrix[i]![i]!;
    const rowTotal = matrix[i]!.reduce((s, v) => s + v, 0);
    const columnTotal = matrix.reduce((s, row) => s + row[i]!, 0);
    expected += (rowTotal * columnTotal) / n;
  }
  const po = observed / n;
  const pe = expected / n;
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
};
