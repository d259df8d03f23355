import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from './api.js';
import { api } from './api.js';

/** What a page shows while it reads: data, the failure, or still loading. */
export interface Loaded<T> {
  readonly data?: T;
  readonly error?: ApiError | Error;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** GET a path whenever it changes (and on `reload`), keeping the last data while the next loads. */
export const useApi = <T>(path: string | undefined): Loaded<T> => {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) =>
        live &&
        setState((s) => ({
          ...s,
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
};
