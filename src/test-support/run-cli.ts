import { buildProgram } from '../cli/build-program.js';
import type { Output } from '../cli/run-action.js';

/** What a command printed, and its exit code. */
export interface CliRun {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/**
 * Runs the `leadsift` command in-process as a user would, on the given database, capturing what
 * it prints; the exit code is read from `process.exitCode` and reset for the next run.
 */
export const runCli = async (databaseUrl: string, ...args: string[]): Promise<CliRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (t) => out.push(t), err: (t) => err.push(t) };
  await buildProgram({ DATABASE_URL: databaseUrl }, output)
    .exitOverride()
    .parseAsync(['node', 'leadsift', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out: out.join('\n'), err: err.join('\n'), code };
};
