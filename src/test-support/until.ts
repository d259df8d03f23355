/**
 * Waits for a condition the service reaches in the background (jobs, deliveries), checking every
 * 25 ms and failing with `what` after `ms`. The value the check found is returned.
 */
export const until = async <T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
