import { Readable } from 'node:stream';

/**
 * A stream that hands out `bytes` (or `text` as UTF-8) in chunks of the given sizes, cycling
 * through them: for testing readers on records and characters split across chunks.
 */
export const chunkedStream = (data: Buffer | string, sizes: readonly number[] = [1 << 16]): Readable => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
};
