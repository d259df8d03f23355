import {
  ProviderFailure,
  type EnrichmentProvider,
  type ProviderAnswer,
  type ProviderQuery,
} from './provider.js';

/** Waits; injected so that tests and benchmarks control time where they need to. */
export type Sleep = (ms: number) => Promise<void>;

/** Real time. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls one provider within its limits: at most `concurrency` calls at once, at most
 * `ratePerSecond` started per second, each cut off after `timeoutMs`, retried up to `retries`
 * times on a retryable failure with exponential backoff (100 ms, 200 ms, …) or the server's
 * Retry-After when longer (up to `MAX_RETRY_WAIT_MS`: a longer wait fails the call instead).
 * Resolves with the answer or rejects with the last `ProviderFailure`.
 */
export interface ProviderCaller {
  readonly provider: EnrichmentProvider;
  call(query: ProviderQuery): Promise<{ readonly answer: ProviderAnswer; readonly attempts: number }>;
}

const BACKOFF_MS = 100;
/** A server asking to wait longer than this is not waited for: the call fails instead. */
export const MAX_RETRY_WAIT_MS = 30_000;

export const createProviderCaller = (
  provider: EnrichmentProvider,
  sleep: Sleep = realSleep,
): ProviderCaller => {
  const { concurrency, ratePerSecond, timeoutMs, retries } = provider.limits;
  let active = 0;
  const waiting: (() => void)[] = [];
  let nextStart = 0;
  const acquire = async (): Promise<void> => {
    if (active >= Math.max(1, concurrency)) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const pace = async (): Promise<void> => {
    if (ratePerSecond === undefined || ratePerSecond <= 0) return;
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + 1000 / ratePerSecond;
    if (at > now) await sleep(at - now);
  };
  const attempt = async (query: ProviderQuery): Promise<ProviderAnswer> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Settle the race as a timeout first, then tell the provider to stop.
        setImmediate(() => controller.abort());
        reject(
          new ProviderFailure(`${provider.name}: no answer within ${timeoutMs} ms`, { retryable: true }),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([provider.lookup(query, controller.signal), timeout]);
    } catch (error) {
      if (error instanceof ProviderFailure) throw error;
      throw new ProviderFailure(
        `${provider.name}: ${error instanceof Error ? error.message : String(error)}`,
        {
          retryable: false,
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    provider,
    call: async (query) => {
      for (let tries = 0; ; tries++) {
        await acquire();
        let failure: ProviderFailure;
        try {
          await pace();
          return { answer: await attempt(query), attempts: tries + 1 };
        } catch (error) {
          failure = error as ProviderFailure;
        } finally {
          release();
        }
        if (!failure.retryable || tries >= retries) throw failure;
        const wait = Math.max(BACKOFF_MS * 2 ** tries, failure.retryAfterMs ?? 0);
        // A lead must not stall for a day because a vendor said so; the waterfall moves on.
        if (wait > MAX_RETRY_WAIT_MS)
          throw new ProviderFailure(
            `${failure.message} (the server asked to wait ${Math.round(wait / 1000)} s; giving up)`,
            {
              retryable: false,
              cause: failure,
            },
          );
        await sleep(wait);
      }
    },
  };
};
