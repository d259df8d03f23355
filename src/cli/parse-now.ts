import { AppError } from '../domain/app-error.js';

/** `--now <iso>`: the time a command acts as of (a replay, a look ahead, a run that must repeat exactly). */
export const parseNow = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new AppError('INPUT_INVALID', {
      message: `--now: expected an ISO 8601 time such as 2026-03-01T03:00:00Z, got ${JSON.stringify(text)}`,
      details: { field: '--now' },
    });
  }
  return ms;
};
