import { AppError } from '../../domain/app-error.js';
import { alignFields, collectKeys, isPlainObject } from './flatten-object.js';
import { createJsonElementScanner, type JsonElement } from './json-element-scanner.js';
import { readTextChunks, sourceName } from './read-text-chunks.js';
import type { TextChunkOptions, TextSource } from './read-text-chunks.js';
import type { RecordSource, SourceRecord } from './source-record.js';

const invalid = (name: string, problem: string, cause?: unknown): AppError =>
  new AppError('FILE_UNREADABLE', {
    message: `${name}: ${problem}; expected a JSON array of lead objects, or { "leads": [ ... ] }`,
    cause,
    details: { file: name },
  });

/** The elements of a source's record array, a chunk's worth at a time. */
async function* elementBatches(source: TextSource, options: TextChunkOptions): AsyncGenerator<JsonElement[]> {
  const name = sourceName(source, options);
  const scanner = createJsonElementScanner();
  for await (const chunk of readTextChunks(source, options)) {
    const out: JsonElement[] = [];
    try {
      scanner.push(chunk, out);
    } catch (error) {
      throw invalid(name, (error as Error).message, error);
    }
    if (out.length > 0) yield out;
  }
  const problem = scanner.finish();
  if (problem !== undefined) throw invalid(name, problem);
}

const parseElement = (element: JsonElement): { value: Record<string, unknown> } | { error: string } => {
  let value: unknown;
  try {
    value = JSON.parse(element.text);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  return isPlainObject(value)
    ? { value }
    : { error: `expected a JSON object, found ${JSON.stringify(value)}` };
};

const toRecord = (element: JsonElement, columns: Map<string, number>): SourceRecord => {
  const parsed = parseElement(element);
  return 'value' in parsed
    ? { line: element.line, fields: alignFields(parsed.value, columns) }
    : { line: element.line, fields: [element.text], error: parsed.error };
};

/**
 * Reads a JSON file holding an array of lead objects, or an object with a `leads` array. A file
 * path is streamed twice with bounded memory: once to learn the header (the union of the
 * objects' flattened dotted keys, in order of first appearance; see `flattenObject`), then to
 * yield records aligned with it. A stream can be read once only, so its elements are held in
 * memory. Each record's `line` is where its element starts; an element that is not valid JSON
 * or not an object becomes a record with `error`. A document without a record array is
 * `FILE_UNREADABLE`.
 */
export const readJson = async (source: TextSource, options: TextChunkOptions = {}): Promise<RecordSource> => {
  const columns = new Map<string, number>();
  const held: JsonElement[][] = [];
  for await (const batch of elementBatches(source, options)) {
    for (const element of batch) {
      const parsed = parseElement(element);
      if ('value' in parsed) collectKeys(parsed.value, columns);
    }
    if (typeof source !== 'string') held.push(batch);
  }
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    const elements = typeof source === 'string' ? elementBatches(source, options) : held;
    for await (const batch of elements) yield batch.map((element) => toRecord(element, columns));
  }
  return { format: 'json', header: [...columns.keys()], headerLine: 0, batches: batches() };
};
