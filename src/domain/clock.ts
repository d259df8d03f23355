/** The time source domain code takes as an argument, so that tests can fix it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that always answers `ms` (or an ISO string), for tests and reproducible runs. */
export const fixedClock = (at: number | string): Clock => {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return { now: () => ms };
};

/** The clock's time as an ISO 8601 string. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
