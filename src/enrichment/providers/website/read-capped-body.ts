/** A body read up to a limit: the bytes kept, and whether more was there. */
export interface CappedBody {
  readonly bytes: Uint8Array;
  /** True when the body went on past the limit; the rest was not read. */
  readonly truncated: boolean;
}

/**
 * Reads a response body up to `maxBytes` and keeps that much: a homepage cut at the limit is
 * still worth parsing (the head, where the facts are, comes first), unlike a JSON answer. The
 * rest is cancelled, never buffered.
 */
export const readCappedBody = async (response: Response, maxBytes: number): Promise<CappedBody> => {
  if (response.body === null) return { bytes: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
};

/** The charset a Content-Type names, when TextDecoder knows it; UTF-8 otherwise. */
export const decodeBody = (bytes: Uint8Array, contentType: string | null): string => {
  const label = /;\s*charset=["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    // An unknown label (RangeError): read it as UTF-8, which replaces what it cannot decode.
    return new TextDecoder('utf-8').decode(bytes);
  }
};
