import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LineCounter, isMap, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { ColumnMapping } from './column-mapping.js';

/** One problem in a mapping file, located. */
export interface MappingIssue {
  readonly file: string;
  readonly line: number;
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

const describeIssue = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; expected columns, values or empty`;
  }
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  return issue.message;
};

const invalid = (issues: readonly MappingIssue[]): AppError =>
  new AppError('MAPPING_INVALID', {
    message: issues
      .map((i) => `${i.file}:${i.line}: ${i.path === '' ? '' : `${i.path}: `}${i.problem}`)
      .join('\n'),
    details: { issues },
  });

/**
 * Parses and validates a column mapping written in YAML or JSON. Throws `MAPPING_INVALID`
 * listing every problem as `file:line: path: what was expected, got what`.
 */
export const parseColumnMapping = (text: string, fileName: string): ColumnMapping => {
  const file = basename(fileName);
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
  const result = ColumnMapping.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  throw invalid(
    result.error.issues.map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return {
        file,
        line: lineOf(doc, counter, issue.path, key),
        path: formatPath(issue.path),
        problem: describeIssue(issue),
      };
    }),
  );
};

/** Reads a mapping file from disk: `FILE_NOT_FOUND` when it is missing, else as `parseColumnMapping`. */
export const loadColumnMapping = async (path: string): Promise<ColumnMapping> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', {
      message: `${path}: ${missing ? 'no such mapping file' : 'cannot read the mapping file'}`,
      cause: error,
      details: { file: path },
    });
  }
  return parseColumnMapping(text, path);
};
