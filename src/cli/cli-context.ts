import type { Container } from '../container.js';
import type { Output } from './run-action.js';

/** What every command registration gets: the container (made on first use), output, and a runner. */
export interface CliContext {
  readonly container: () => Container;
  readonly output: Output;
  /** Run an action, map its failure to a message and set the exit code. */
  readonly run: (action: () => Promise<number | void>) => Promise<void>;
}
