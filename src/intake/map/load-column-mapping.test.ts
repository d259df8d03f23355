import { describe, expect, it } from 'vitest';
import type { AppError } from '../../domain/app-error.js';
import { isAppError } from '../../domain/app-error.js';
import { loadColumnMapping, parseColumnMapping } from './load-column-mapping.js';

const errorOf = (text: string, file = 'config/mapping.yaml'): AppError => {
  try {
    parseColumnMapping(text, file);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a MAPPING_INVALID error');
};

describe('parseColumnMapping', () => {
  it('reads columns, value rewrites and empty sentinels from YAML', () => {
    const mapping = parseColumnMapping(
      'columns:\n  "Lead Origin": source\n  Do Not Call: not:consent_phone\nvalues:\n  City: { Select: }\nempty: [Select, N/A, "-"]\n',
      'mapping.yaml',
    );
    expect(mapping).toEqual({
      columns: {
        'Lead Origin': { kind: 'field', field: 'source', negated: false },
        'Do Not Call': { kind: 'field', field: 'consent_phone', negated: true },
      },
      values: { City: { Select: '' } },
      empty: ['Select', 'N/A', '-'],
    });
  });

  it('reads the same mapping written as JSON', () => {
    expect(parseColumnMapping('{"columns": {"Tags": "ignore"}}', 'mapping.json').columns).toEqual({
      Tags: { kind: 'ignore' },
    });
  });

  it('names the file, line, key and expected form of a bad target', () => {
    const error = errorOf('# leads from the web form\ncolumns:\n  Email: email\n  "Lead Origin": sorce\n');
    expect(error.code).toBe('MAPPING_INVALID');
    expect(error.message).toMatch(
      /^mapping\.yaml:4: columns\."Lead Origin": expected one of the leadsift fields \(external_id, email, .*\), "not:<consent field>", "custom:<name>" or "ignore", got "sorce"$/,
    );
  });

  it('reports every problem, each on its own line', () => {
    const error = errorOf('columns:\n  A: nope\nempty: [ok, {x: 1}]\ncolums: {}\n');
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/^mapping\.yaml:2: columns\.A: expected one of/),
      'mapping.yaml:3: empty[1]: expected a text value, got {"x":1}',
      'mapping.yaml:4: unknown key "colums"; expected columns, values or empty',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('columns:\n  A: email\n  B: [unclosed\n').message).toMatch(/^mapping\.yaml:\d+: /);
  });

  it('says when the mapping file is missing', async () => {
    await expect(loadColumnMapping('/nonexistent/mapping.yaml')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});
