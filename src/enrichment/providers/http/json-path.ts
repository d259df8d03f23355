/** One step of a JSON path: an object key, an array index, or every element of an array. */
export type JsonPathStep = { readonly key: string } | { readonly index: number } | { readonly each: true };

const PIECE = /^([^[\]]*)((?:\[\d*\])*)$/;

/**
 * Parses a JSON path as written in a provider config: keys separated by dots, `[n]` for an
 * array element and `[]` for every element (`data.tech[].name`). Keys cannot contain dots or
 * brackets. Undefined when the text is not such a path.
 */
export const parseJsonPath = (text: string): readonly JsonPathStep[] | undefined => {
  const steps: JsonPathStep[] = [];
  const pieces = text.split('.');
  for (const [i, piece] of pieces.entries()) {
    const match = PIECE.exec(piece);
    if (match === null) return undefined;
    const [, key = '', brackets = ''] = match;
    // Only the first piece may lack a key (`[0].name`, when the answer is an array).
    if (key === '' && (i > 0 || brackets === '')) return undefined;
    if (key !== '') steps.push({ key });
    for (const [, digits] of brackets.matchAll(/\[(\d*)\]/g))
      steps.push(digits === '' || digits === undefined ? { each: true } : { index: Number(digits) });
  }
  return steps;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const walk = (value: unknown, steps: readonly JsonPathStep[], from: number): unknown => {
  let at = value;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as JsonPathStep;
    if ('key' in step) {
      // Own keys only: a path such as `constructor` must not reach the prototype.
      at = isRecord(at) && Object.hasOwn(at, step.key) ? at[step.key] : undefined;
    } else if ('index' in step) {
      at = Array.isArray(at) ? (at as unknown[])[step.index] : undefined;
    } else {
      if (!Array.isArray(at)) return undefined;
      const nested = steps.slice(i + 1).some((s) => 'each' in s);
      return (at as unknown[]).flatMap((item) => {
        const found = walk(item, steps, i + 1);
        if (found === undefined) return [];
        return nested && Array.isArray(found) ? (found as unknown[]) : [found];
      });
    }
    if (at === undefined) return undefined;
  }
  return at;
};

/**
 * The value at `steps` inside a parsed JSON document, or undefined when a step does not exist
 * or meets a value of another kind. `[]` collects the values found in every element (nested
 * `[]` are flattened), skipping elements that lack them.
 */
export const readJsonPath = (document: unknown, steps: readonly JsonPathStep[]): unknown =>
  walk(document, steps, 0);
