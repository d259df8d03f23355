import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';

/** A source of random bytes, injected so that ids are reproducible in tests. */
export type RandomBytes = (size: number) => Uint8Array;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_BYTES = 10;

const encodeTime = (ms: number): string => {
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i += 1) {
    out = CROCKFORD.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

/** Base32 of 80 bits: two groups of 5 bytes, 8 characters each. */
const encodeRandom = (bytes: Uint8Array): string => {
  let out = '';
  for (let group = 0; group < 2; group += 1) {
    let bits = 0n;
    for (let i = 0; i < 5; i += 1) bits = (bits << 8n) | BigInt(bytes[group * 5 + i] ?? 0);
    for (let shift = 35n; shift >= 0n; shift -= 5n) out += CROCKFORD.charAt(Number((bits >> shift) & 31n));
  }
  return out;
};

/** Add one to a big-endian byte string; false when it overflowed. */
const increment = (bytes: Uint8Array): boolean => {
  for (let i = bytes.length - 1; i >= 0; i -= 1) {
    const next = (bytes[i] ?? 0) + 1;
    bytes[i] = next & 0xff;
    if (next <= 0xff) return true;
  }
  return false;
};

/**
 * A ULID generator (26 Crockford base32 characters: 48-bit milliseconds, 80 random bits). Ids from
 * one generator are strictly increasing even when the clock stands still or steps back
 * (monotonic ULIDs, https://github.com/ulid/spec), so sorting by id is sorting by creation.
 */
export const createIdGenerator = (
  clock: Clock,
  randomBytes: RandomBytes = (size) => nodeRandomBytes(size),
): (() => string) => {
  let lastMs = -1;
  let last = new Uint8Array(RANDOM_BYTES);
  return () => {
    let ms = clock.now();
    if (ms > lastMs) {
      last = Uint8Array.from(randomBytes(RANDOM_BYTES));
    } else {
      ms = lastMs;
      // 2^80 ids in one millisecond cannot overflow in practice; move to the next ms if it does.
      if (!increment(last)) ms += 1;
    }
    lastMs = ms;
    return encodeTime(ms) + encodeRandom(last);
  };
};
