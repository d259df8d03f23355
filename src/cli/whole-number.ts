import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser for a whole number ≥ 0; commander reports a bad value with the
 * option's name ("option '--workers <n>' argument 'x' is invalid. …") and exit code 1.
 */
export const wholeNumber =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
      throw new InvalidArgumentError(`--${name} takes a whole number ≥ 0.`);
    }
    return n;
  };
