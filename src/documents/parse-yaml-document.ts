import { basename } from 'node:path';
import { LineCounter, isMap, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../domain/app-error.js';

/** One problem in a YAML or JSON document, located. */
export interface DocumentIssue {
  readonly file: string;
  readonly line: number;
  /** The path of the value at fault, as written (`fit.industries[2]`), or empty for the document. */
  readonly path: string;
  readonly problem: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = typeof key === 'string' && IDENTIFIER.test(key) ? key : JSON.stringify(String(key));
      return i === 0 ? name : `.${name}`;
    })
    .join('');

/** The line of the node at `path`, or of its nearest ancestor that exists; 1 for the root. */
const lineOf = (doc: Document, counter: LineCounter, path: readonly PropertyKey[], key?: string): number => {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find(
        (item) => isNode(item.key) && (item.key as { value?: unknown }).value === key,
      );
      if (pair !== undefined && isNode(pair.key) && pair.key.range)
        return counter.linePos(pair.key.range[0]).line;
    }
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
};

/** The schema's own definition, as far as finding object keys needs it. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly entries?: Record<string, unknown>;
  readonly in?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { def: SchemaDef }).def;

/** The keys an object schema allows at `path`, to name them when a key is unknown. */
const keysAt = (schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] | undefined => {
  let at = schema;
  let i = 0;
  while (at !== undefined) {
    const def = defOf(at);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') at = def.innerType;
    else if (def.type === 'pipe') at = def.in;
    else if (i === path.length) {
      if (def.type === 'object') return Object.keys(def.shape ?? {});
      // A record keyed by an enum (points per seniority): its keys are the enum's values.
      const keys =
        def.type === 'record' && def.keyType !== undefined ? defOf(def.keyType).entries : undefined;
      return keys === undefined ? undefined : Object.values(keys).map(String);
    } else if (def.type === 'object') at = def.shape?.[String(path[i++])];
    else if (def.type === 'array' || def.type === 'record') {
      at = def.type === 'array' ? def.element : def.valueType;
      i++;
    } else return undefined;
  }
  return undefined;
};

/** "a, b or c". */
const oneOf = (names: readonly string[]): string =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;

const describeIssue = (issue: z.core.$ZodIssue, schema: z.ZodType): string => {
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(schema, issue.path);
    const expected = allowed === undefined || allowed.length === 0 ? '' : `; expected ${oneOf(allowed)}`;
    return `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}${expected}`;
  }
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message;
};

/**
 * Parse a YAML (or JSON) document and validate it with a zod schema. Throws an AppError with
 * `code` listing every problem as `file:line: path: what was expected` (details.issues holds
 * them as data), so that a person can fix the file in one go.
 */
export const parseYamlDocument = <S extends z.ZodType>(
  text: string,
  fileName: string,
  schema: S,
  code: ErrorCode,
): z.output<S> => {
  const file = basename(fileName);
  const invalid = (issues: readonly DocumentIssue[]): AppError =>
    new AppError(code, {
      message: issues
        .map((i) => `${i.file}:${i.line}: ${i.path === '' ? '' : `${i.path}: `}${i.problem}`)
        .join('\n'),
      details: { issues },
    });
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw invalid(
      doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        path: '',
        problem: `${e.message.split('\n')[0] ?? 'not valid YAML or JSON'}`,
      })),
    );
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  throw invalid(
    result.error.issues.map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return {
        file,
        line: lineOf(doc, counter, issue.path, key),
        path: formatPath(issue.path),
        problem: describeIssue(issue, schema),
      };
    }),
  );
};
