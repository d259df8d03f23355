/**
 * Runs `work` over `items` with at most `concurrency` at once and returns the results in input
 * order. A rejection stops nothing: each item's failure is its own result, for the caller to report.
 */
export const runPool = async <T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<
  ({ readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown })[]
> => {
  const out: ({ ok: true; value: R } | { ok: false; error: unknown })[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        out[i] = { ok: true, value: await work(items[i] as T) };
      } catch (error) {
        out[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return out;
};
