/**
 * `work`, or a rejection saying `${what} within ${ms} ms` once `ms` have passed: a caller with a
 * fallback (a template, an offline reader) never waits on a model for longer than that.
 */
export const withDeadline = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};
