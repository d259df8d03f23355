import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';

/** A `since`/`until` query parameter: an ISO 8601 time with its offset. */
export const IsoTime = z.iso.datetime({ offset: true });

/**
 * A listing's `since`/`until` as UTC ISO bounds to compare stored times with (an open end is
 * '0000' or '9999'); `since` after `until` is the caller's mistake, named on `since`.
 */
export const timeBounds = (
  since: string | undefined,
  until: string | undefined,
): { readonly from: string; readonly to: string } => {
  const from = since === undefined ? '0000' : new Date(since).toISOString();
  const to = until === undefined ? '9999' : new Date(until).toISOString();
  if (from > to)
    throw new AppError('INPUT_INVALID', {
      message: `since (${since}) is after until (${until})`,
      details: { field: 'since' },
    });
  return { from, to };
};
