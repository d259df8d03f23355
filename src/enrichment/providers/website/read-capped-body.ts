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

const CHARSET = /charset\s*=\s*["']?([^"';\s/>]+)/i;

/** Text in the charset a Content-Type names, when TextDecoder knows it; UTF-8 otherwise. */
export const decodeBody = (bytes: Uint8Array, contentType: string | null, fallback = 'utf-8'): string => {
  const label = CHARSET.exec(contentType ?? '')?.[1] ?? fallback;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // An unknown label (RangeError): read it as UTF-8, which replaces what it cannot decode.
    return new TextDecoder('utf-8').decode(bytes);
  }
};

// The HTML standard looks for a <meta> charset within the first 1024 bytes.
const PRESCAN_BYTES = 1024;
const META_CHARSET = /<meta\s[^>]*charset\s*=\s*["']?([^"';\s/>]+)/i;

/**
 * An HTML page's text: in the Content-Type's charset, else the one its `<meta charset>` (or
 * `http-equiv` Content-Type) names in the first 1024 bytes, else UTF-8. Old sites still serve
 * windows-1252 and say so only in the markup.
 */
export const decodeHtml = (bytes: Uint8Array, contentType: string | null): string => {
  if (CHARSET.test(contentType ?? '')) return decodeBody(bytes, contentType);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  return decodeBody(bytes, null, META_CHARSET.exec(head)?.[1] ?? 'utf-8');
};
