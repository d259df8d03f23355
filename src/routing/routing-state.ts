/** A round-robin pointer: the rep who got the last lead of the pool. */
export interface RotationState {
  readonly last: string;
}

/** Smooth weighted round-robin: each rep's current weight (they sum to zero). */
export interface WeightedState {
  readonly current: Readonly<Record<string, number>>;
}

/**
 * Where each rotation stands, keyed by rule and pool (`hot-enterprise:territory:EMEA`,
 * `rules[1]:round-robin`, …). Plain JSON: the caller stores it and passes it back with the
 * next lead. Entries for rules or reps that no longer exist are ignored, not errors.
 */
export interface RoutingState {
  readonly pools: Readonly<Record<string, RotationState | WeightedState>>;
}

/** The state before any lead was routed. */
export const EMPTY_ROUTING_STATE: RoutingState = { pools: {} };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The last rep of a stored rotation, if the entry is one. */
export const lastOf = (entry: unknown): string | undefined =>
  isRecord(entry) && typeof entry['last'] === 'string' ? entry['last'] : undefined;

/** The current weights of a stored weighted rotation, keeping only finite numbers. */
export const currentOf = (entry: unknown): Record<string, number> => {
  const current = isRecord(entry) ? entry['current'] : undefined;
  if (!isRecord(current)) return {};
  return Object.fromEntries(
    Object.entries(current).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
    ),
  );
};

/**
 * Routing state read back from storage (parsed JSON): anything that is not a state, or an
 * entry of the wrong shape, is dropped, so a damaged record restarts rotations instead of failing.
 */
export const readRoutingState = (json: unknown): RoutingState => {
  const pools = isRecord(json) ? json['pools'] : undefined;
  if (!isRecord(pools)) return EMPTY_ROUTING_STATE;
  const kept = Object.entries(pools).flatMap(([key, entry]): [string, RotationState | WeightedState][] => {
    const last = lastOf(entry);
    if (last !== undefined) return [[key, { last }]];
    return isRecord(entry) && isRecord(entry['current']) ? [[key, { current: currentOf(entry) }]] : [];
  });
  return { pools: Object.fromEntries(kept) };
};
