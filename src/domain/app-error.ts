/**
 * The closed set of failure kinds. Adding a code means adding its row to `ERROR_TABLE`, which
 * the compiler enforces, so codes cannot leak outside the union.
 */
export type ErrorCode =
  | 'INPUT_INVALID'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'MAPPING_INVALID'
  | 'CRITERIA_INVALID'
  | 'MODEL_INVALID'
  | 'CONFIG_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STORAGE_FAILED'
  | 'LLM_FAILED'
  | 'DELIVERY_FAILED'
  | 'INTERNAL';

/** Options for an AppError: a message that says what failed and how to fix it, and the cause. */
export interface AppErrorOptions {
  readonly message: string;
  readonly cause?: unknown;
  /** Structured details for machines (file, line, field, …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The one error type domain code throws. Entry points map `code` through `ERROR_TABLE`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, options: AppErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is an AppError, optionally of the given code. */
export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);

/** How each code reaches the outside: HTTP status for the API, exit code for the CLI. */
export const ERROR_TABLE: Readonly<Record<ErrorCode, { readonly http: number; readonly exit: number }>> = {
  INPUT_INVALID: { http: 400, exit: 65 }, // EX_DATAERR
  FILE_NOT_FOUND: { http: 404, exit: 66 }, // EX_NOINPUT
  FILE_UNREADABLE: { http: 400, exit: 66 },
  MAPPING_INVALID: { http: 400, exit: 78 }, // EX_CONFIG
  CRITERIA_INVALID: { http: 422, exit: 78 },
  MODEL_INVALID: { http: 400, exit: 65 }, // EX_DATAERR: a model file that is not a leadsift model
  CONFIG_INVALID: { http: 500, exit: 78 },
  NOT_FOUND: { http: 404, exit: 1 },
  CONFLICT: { http: 409, exit: 1 },
  STORAGE_FAILED: { http: 503, exit: 74 }, // EX_IOERR
  LLM_FAILED: { http: 502, exit: 69 }, // EX_UNAVAILABLE: the language model could not be used
  DELIVERY_FAILED: { http: 502, exit: 69 }, // a message to a prospect was refused or could not be sent
  INTERNAL: { http: 500, exit: 70 }, // EX_SOFTWARE
};
