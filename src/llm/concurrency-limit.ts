/** At most `n` holders at once; the rest wait in arrival order. */
export interface ConcurrencyLimit {
  acquire(): Promise<void>;
  release(): void;
}

/** A counting semaphore of `n` (at least 1) slots. */
export const concurrencyLimit = (n: number): ConcurrencyLimit => {
  const slots = Math.max(1, Math.floor(n));
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire: () => {
      if (active < slots) {
        active++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: () => {
      // The slot passes straight to the next waiter, so `active` is unchanged.
      const next = waiting.shift();
      if (next) next();
      else active--;
    },
  };
};
