import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The public datasets live beside the checkout, in `../shared/datasets/` (never copied into the
 * repository). A user's clone has none: tests that need one skip with `skipUnlessDataset`.
 */
export const DATASETS_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** The absolute path of a file or folder under `../shared/datasets/`. */
export const datasetPath = (relative: string): string => `${DATASETS_DIR}${relative}`;

/** True when the dataset is present. */
export const hasDataset = (relative: string): boolean => existsSync(datasetPath(relative));

/** A suite-title suffix that says what is needed, shown whether the suite runs or skips. */
export const needs = (relative: string): string =>
  hasDataset(relative)
    ? `(uses ../shared/datasets/${relative})`
    : `(SKIPPED: ../shared/datasets/${relative} is absent)`;
