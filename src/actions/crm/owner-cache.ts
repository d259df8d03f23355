/** How long a resolved owner id is trusted: long enough to spare the API, short enough to follow a reassignment. */
export const OWNER_TTL_MS = 60 * 60 * 1000;

/** Owner ids by email, each forgotten `ttlMs` after it was learnt (by the injected clock). */
export interface OwnerCache {
  get(email: string): string | undefined;
  set(email: string, id: string): void;
}

/** An owner cache over `nowMs`; only found owners are kept, so a new rep is found on the next push. */
export const createOwnerCache = (nowMs: () => number, ttlMs: number = OWNER_TTL_MS): OwnerCache => {
  const entries = new Map<string, { id: string; until: number }>();
  return {
    get: (email) => {
      const entry = entries.get(email);
      if (entry === undefined) return undefined;
      if (nowMs() < entry.until) return entry.id;
      entries.delete(email);
      return undefined;
    },
    set: (email, id) => {
      entries.set(email, { id, until: nowMs() + ttlMs });
    },
  };
};
