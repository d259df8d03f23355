/**
 * The group a rejection is counted in: its field and problem with the quoted value removed, so
 * that `"bob@" is not a valid email address: …` and `"ann@x" is not …` group together.
 */
export const rejectionReason = (rejection: { readonly field?: string; readonly problem: string }): string => {
  const problem = rejection.problem.replace(/^"[^"]*" /, '');
  return rejection.field === undefined ? problem : `${rejection.field}: ${problem}`;
};
