const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;

/**
 * The 1-based line on which each element of a JSON document's record array starts: the
 * top-level array, or the array under the top-level key `key` (`{ "leads": [...] }`). One pass
 * over valid JSON text, tracking strings and nesting only.
 */
export const elementLines = (text: string, key?: string): number[] => {
  const lines: number[] = [];
  const target = key === undefined ? 1 : 2;
  let line = 1;
  let depth = 0;
  let inArray = false;
  let expectElement = false;
  let lastKey = '';
  let afterColon = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    if (c <= 32) continue;
    const close = c === 93 || c === 125; // ] }
    if (expectElement && !close) lines.push(line);
    expectElement = false;
    if (c === QUOTE) {
      const start = i + 1;
      for (i = start; i < text.length && text.charCodeAt(i) !== QUOTE; i++)
        if (text.charCodeAt(i) === BACKSLASH) i++;
      if (depth === 1 && !afterColon) lastKey = text.slice(start, i);
    } else if (c === 91 || c === 123) {
      depth++;
      const isRecordArray =
        c === 91 && depth === target && (key === undefined || (afterColon && lastKey === key));
      if (isRecordArray) inArray = expectElement = true;
    } else if (close) {
      if (depth === target && inArray) return lines;
      depth--;
    } else if (c === COMMA && depth === target && inArray) {
      expectElement = true;
    }
    afterColon = c === COLON;
  }
  return lines;
};
