import { ApiError } from '../api.js';

/** A failed call, said plainly. */
export const ErrorNote = ({ error }: { readonly error: Error | undefined }) =>
  error === undefined ? null : (
    <div className="error-note" role="alert">
      {error instanceof ApiError ? `${error.code}: ${error.message}` : error.message}
    </div>
  );
