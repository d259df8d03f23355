import { expect } from 'vitest';
import { isAppError } from '../../../../domain/app-error.js';

/** Assert that `run` throws an INPUT_INVALID AppError whose message matches `message`. */
export const expectInputInvalid = (run: () => unknown, message: RegExp): void => {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(
    isAppError(thrown, 'INPUT_INVALID'),
    `expected an INPUT_INVALID AppError, got ${String(thrown)}`,
  ).toBe(true);
  expect((thrown as Error).message).toMatch(message);
};
