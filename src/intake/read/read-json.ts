import { elementLines } from './element-lines.js';
import { alignFields, collectKeys, isPlainObject } from './flatten-object.js';
import { readTextChunks, sourceName } from './read-text-chunks.js';
import type { TextChunkOptions, TextSource } from './read-text-chunks.js';
import type { RecordSource, SourceRecord } from './source-record.js';
import { AppError } from '../../domain/app-error.js';

const BATCH = 1024;

const invalid = (name: string, problem: string, cause?: unknown): AppError =>
  new AppError('FILE_UNREADABLE', {
    message: `${name}: ${problem}; expected a JSON array of lead objects, or { "leads": [ ... ] }`,
    cause,
    details: { file: name },
  });

const parseDocument = (text: string, name: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = at === undefined ? '' : `:${text.slice(0, Number(at)).split('\n').length}`;
    throw invalid(`${name}${line}`, `not valid JSON (${(error as Error).message})`, error);
  }
};

/**
 * Reads a JSON file holding an array of lead objects, or an object with a `leads` array.
 * Unlike CSV and JSONL, the whole document is read into memory (JSON.parse). Each record's
 * `line` is the line where its element starts; its `fields` are the flattened dotted keys
 * (see `flattenObject`) aligned with `header`, the union of all keys in order of first
 * appearance. An element that is not an object becomes a record with `error`.
 * A document of any other shape is `FILE_UNREADABLE`.
 */
export const readJson = async (source: TextSource, options: TextChunkOptions = {}): Promise<RecordSource> => {
  const name = sourceName(source, options);
  let text = '';
  for await (const chunk of readTextChunks(source, options)) text += chunk;
  const document = parseDocument(text, name);
  const key = Array.isArray(document) ? undefined : 'leads';
  const items = Array.isArray(document) ? document : isPlainObject(document) ? document.leads : undefined;
  if (!Array.isArray(items)) throw invalid(name, 'no array of records found');
  const found = elementLines(text, key);
  const lines = found.length === items.length ? found : items.map((_, i) => i + 1);
  const columns = new Map<string, number>();
  for (const item of items) if (isPlainObject(item)) collectKeys(item, columns);
  return {
    format: 'json',
    header: [...columns.keys()],
    headerLine: 0,
    batches: toBatches(items, lines, columns),
  };
};

async function* toBatches(
  items: readonly unknown[],
  lines: readonly number[],
  columns: Map<string, number>,
): AsyncGenerator<SourceRecord[]> {
  for (let start = 0; start < items.length; start += BATCH) {
    const batch: SourceRecord[] = [];
    for (let i = start; i < Math.min(items.length, start + BATCH); i++) {
      const item = items[i];
      const line = lines[i] ?? i + 1;
      if (isPlainObject(item)) batch.push({ line, fields: alignFields(item, columns) });
      else
        batch.push({
          line,
          fields: [JSON.stringify(item) ?? ''],
          error: `expected a JSON object, found ${JSON.stringify(item)}`,
        });
    }
    yield batch;
  }
}
