import { readTextChunks } from './read-text-chunks.js';
import type { TextChunkOptions, TextSource } from './read-text-chunks.js';

/** One physical line of text and its 1-based number. */
export interface TextLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Streams a source's lines in batches (one per chunk read), without their LF or CRLF ends.
 * Blank lines are left out; numbering counts them.
 */
export async function* readLines(
  source: TextSource,
  options: TextChunkOptions = {},
): AsyncGenerator<TextLine[]> {
  let rest = '';
  let line = 1;
  const take = (text: string, final: boolean): TextLine[] => {
    const buf = rest + text;
    const batch: TextLine[] = [];
    let pos = 0;
    for (let nl = buf.indexOf('\n'); nl !== -1 || (final && pos < buf.length); nl = buf.indexOf('\n', pos)) {
      const end = nl === -1 ? buf.length : nl;
      const body = buf.slice(pos, end > pos && buf.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (body.trim() !== '') batch.push({ line, text: body });
      line++;
      pos = end + 1;
    }
    rest = pos < buf.length ? buf.slice(pos) : '';
    return batch;
  };
  for await (const text of readTextChunks(source, options)) {
    const batch = take(text, false);
    if (batch.length > 0) yield batch;
  }
  const last = take('', true);
  if (last.length > 0) yield last;
}
