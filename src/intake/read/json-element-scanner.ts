/** One element of a JSON document's record array: its text and the line it starts on. */
export interface JsonElement {
  readonly line: number;
  readonly text: string;
}

/**
 * Finds the elements of the record array in JSON text fed chunk by chunk: the top-level array,
 * or the array under the top-level key `leads`. Tracks strings and nesting only; each element's
 * text is handed out whole for JSON.parse, so one bad element does not spoil the others.
 * Memory is bounded by the longest element.
 */
export interface JsonElementScanner {
  /** Scan the next chunk; complete elements are appended to `out`. */
  push(text: string, out: JsonElement[]): void;
  /** After the last chunk: the problem with the document's shape, or undefined when it had a record array. */
  finish(): string | undefined;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** An element longer than this is refused rather than held in memory. */
const MAX_ELEMENT_CHARS = 16 << 20;

/** A scanner for the record array of a JSON document (see `JsonElementScanner`). */
export const createJsonElementScanner = (): JsonElementScanner => {
  let carry = ''; // text kept from the previous chunk: an element (or a top-level key) in progress
  let line = 1;
  let depth = 0;
  let target = 0; // depth of the record array's elements, once known
  let inString = false;
  let escaped = false;
  let afterColon = false;
  let topKey = ''; // the last key read in the top-level object
  let keyStart = -1;
  let elementStart = -1;
  let elementLine = 0;
  let inTarget = false;
  let finished = false;
  let started = false;

  const push = (text: string, out: JsonElement[]): void => {
    const buf = carry + text;
    let i = carry.length;
    const emit = (end: number): void => {
      if (elementStart === -1) return;
      const element = buf.slice(elementStart, end).trim();
      if (element !== '') out.push({ line: elementLine, text: element });
      elementStart = -1;
    };
    for (; i < buf.length && !finished; i++) {
      const c = buf.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyStart !== -1) {
            topKey = buf.slice(keyStart, i);
            keyStart = -1;
          }
        }
        continue;
      }
      if (c <= 32) continue;
      if (inTarget && depth === target && elementStart === -1 && c !== COMMA && c !== CLOSE_ARRAY) {
        elementStart = i;
        elementLine = line;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && target === 0 && !afterColon) keyStart = i + 1;
      } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
        if (!started) {
          started = true;
          if (c === OPEN_ARRAY) {
            target = 1;
            inTarget = true;
          }
        } else if (c === OPEN_ARRAY && depth === 1 && target === 0 && afterColon && topKey === 'leads') {
          target = 2;
          inTarget = true;
        }
        depth++;
      } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        if (inTarget && depth === target && c === CLOSE_ARRAY) {
          emit(i);
          inTarget = false;
          finished = true;
        }
        depth--;
      } else if (c === COMMA && inTarget && depth === target) {
        emit(i);
      } else if (!started) {
        started = true; // a document that is neither an array nor an object
      }
      afterColon = c === COLON;
    }
    const keepFrom = elementStart !== -1 ? elementStart : keyStart !== -1 ? keyStart : buf.length;
    carry = finished ? '' : buf.slice(keepFrom);
    if (elementStart !== -1) elementStart -= keepFrom;
    if (keyStart !== -1) keyStart -= keepFrom;
    if (carry.length > MAX_ELEMENT_CHARS) {
      throw new RangeError(
        `a record of more than ${MAX_ELEMENT_CHARS >> 20} MiB starting on line ${elementLine}`,
      );
    }
  };

  const finish = (): string | undefined => {
    if (finished) return undefined;
    if (target !== 0) return `the record array that starts before line ${line} is never closed`;
    return 'no array of records found';
  };

  return { push, finish };
};
