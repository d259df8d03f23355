import type { NewJob } from '../jobs/job-queue.js';

/**
 * Where scheduled occurrences are recorded. The domain owns this port; the Kysely adapter keys
 * each occurrence by task and due time, so that however many schedulers race, one job is
 * enqueued per occurrence.
 */
export interface OccurrenceStore {
  /**
   * Enqueue `job` as the occurrence of `task` due at `due` (ISO 8601 UTC) unless one was already
   * enqueued; returns the new job's id, or undefined when another scheduler got there first.
   */
  enqueueOccurrence(task: string, due: string, job: NewJob): Promise<string | undefined>;
}
