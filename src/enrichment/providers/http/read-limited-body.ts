/**
 * Reads a response body up to `maxBytes`. Undefined as soon as the body proves longer (by its
 * Content-Length, or while reading), after cancelling the rest: a huge answer is never
 * buffered whole.
 */
export const readLimitedBody = async (
  response: Response,
  maxBytes: number,
): Promise<Uint8Array | undefined> => {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (response.body === null) return new Uint8Array();
  if (declared > maxBytes) {
    await response.body.cancel();
    return undefined;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};
