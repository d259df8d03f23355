import { AppError, ERROR_TABLE, isAppError } from '../domain/app-error.js';

/** Where a command writes: injected so that tests can capture output. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The process's standard output and error. */
export const processOutput: Output = {
  out: (text) => {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  },
  err: (text) => {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  },
};

/**
 * Run a command's action and turn failures into a message and an exit code: an AppError's
 * code through ERROR_TABLE, anything else as INTERNAL with its stack (a bug to report).
 */
export const runAction = async (output: Output, action: () => Promise<number | void>): Promise<number> => {
  try {
    // Only a number is an exit code: an action that returns anything else succeeded.
    const code = await action();
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    if (isAppError(error)) {
      output.err(`leadsift: ${error.message}`);
      return ERROR_TABLE[error.code].exit;
    }
    const internal = new AppError('INTERNAL', { message: 'unexpected failure', cause: error });
    output.err(
      `leadsift: ${internal.message} (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return ERROR_TABLE.INTERNAL.exit;
  }
};
