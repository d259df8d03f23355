import { collectKeys, alignFields, isPlainObject } from './flatten-object.js';
import { readLines } from './read-lines.js';
import type { TextChunkOptions } from './read-text-chunks.js';
import type { RecordSource, SourceRecord } from './source-record.js';

const parseLine = (text: string): { value: Record<string, unknown> } | { error: string } => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isPlainObject(value)) {
    return {
      error: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    };
  }
  return { value };
};

/**
 * Reads a JSON Lines file (one object per line; `.jsonl`, `.ndjson`). Streams it twice with
 * bounded memory: once to learn the header (the union of the objects' dotted keys, in order of
 * first appearance; see `flattenObject`), then to yield records aligned with it. A line that is
 * not a JSON object becomes a record with `error` (JSON.parse's message) and its line number;
 * blank lines are skipped. Takes a path, since it reads the file twice.
 */
export const readJsonl = async (path: string, options: TextChunkOptions = {}): Promise<RecordSource> => {
  const columns = new Map<string, number>();
  for await (const batch of readLines(path, options)) {
    for (const { text } of batch) {
      const parsed = parseLine(text);
      if ('value' in parsed) collectKeys(parsed.value, columns);
    }
  }
  return {
    format: 'jsonl',
    header: [...columns.keys()],
    headerLine: 0,
    batches: readBatches(path, options, columns),
  };
};

async function* readBatches(
  path: string,
  options: TextChunkOptions,
  columns: Map<string, number>,
): AsyncGenerator<SourceRecord[]> {
  for await (const lines of readLines(path, options)) {
    yield lines.map(({ line, text }): SourceRecord => {
      const parsed = parseLine(text);
      return 'value' in parsed
        ? { line, fields: alignFields(parsed.value, columns) }
        : { line, fields: [text], error: parsed.error };
    });
  }
}
