import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { AppError } from '../../domain/app-error.js';

/** A file path, or a stream of bytes (or strings) such as an HTTP upload. */
export type TextSource = string | Readable;

/** Options for reading text: the name used in messages and the read size. */
export interface TextChunkOptions {
  /** The name messages use; defaults to the path, or `input` for a stream. */
  readonly name?: string;
  /** Bytes per read from a file; larger chunks mean fewer, larger batches. */
  readonly chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** The name a source goes by in messages. */
export const sourceName = (source: TextSource, options: TextChunkOptions = {}): string =>
  options.name ?? (typeof source === 'string' ? source : 'input');

const openError = (error: unknown, name: string): unknown => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new AppError('FILE_NOT_FOUND', {
      message: `${name}: no such file; check the path (relative paths start at the working directory)`,
      cause: error,
      details: { file: name },
    });
  }
  if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') {
    const why = code === 'EISDIR' ? 'is a directory' : 'permission denied';
    return new AppError('FILE_UNREADABLE', {
      message: `${name}: cannot read (${why})`,
      cause: error,
      details: { file: name },
    });
  }
  return error;
};

const unreadable = (name: string, why: string, cause?: unknown): AppError =>
  new AppError('FILE_UNREADABLE', {
    message: `${name}: ${why}; leadsift reads UTF-8 text (CSV, JSON, JSONL), re-save or export the file as UTF-8`,
    cause,
    details: { file: name },
  });

/**
 * Reads a source as UTF-8 text in chunks, with bounded memory. A byte-order mark is dropped,
 * a chunk never ends inside a multi-byte character. Throws `FILE_NOT_FOUND` for a missing
 * file, `FILE_UNREADABLE` for a directory, a permission problem, binary data (a NUL byte in
 * the first chunk) or bytes that are not UTF-8.
 */
export async function* readTextChunks(
  source: TextSource,
  options: TextChunkOptions = {},
): AsyncGenerator<string> {
  const name = sourceName(source, options);
  const stream =
    typeof source === 'string'
      ? createReadStream(source, { highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES })
      : source;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let pending = false; // the decoder may hold the start of a character split across chunks
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      let text: string;
      if (typeof chunk === 'string') {
        text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      } else {
        if (first && chunk.includes(0)) throw unreadable(name, 'looks binary (contains NUL bytes)');
        // Pure ASCII needs no UTF-8 decoding or validation: the common case, and cheaper.
        text = !pending && isAscii(chunk) ? chunk.toString('latin1') : decodeOrThrow(decoder, chunk, name);
        pending = (chunk[chunk.length - 1] ?? 0) >= 0x80;
      }
      first = false;
      if (text.length > 0) yield text;
    }
    const tail = decodeOrThrow(decoder, undefined, name);
    if (tail.length > 0) yield tail;
  } catch (error) {
    throw openError(error, name);
  } finally {
    if (typeof source === 'string') stream.destroy();
  }
}

const decodeOrThrow = (decoder: TextDecoder, chunk: Buffer | undefined, name: string): string => {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch (error) {
    throw unreadable(name, 'is not valid UTF-8 text', error);
  }
};
