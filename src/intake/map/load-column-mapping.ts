import { parseYamlDocument } from '../../documents/parse-yaml-document.js';
import { readDocumentFile } from '../../documents/read-document-file.js';
import { ColumnMapping } from './column-mapping.js';

/**
 * Parses and validates a column mapping written in YAML or JSON. Throws `MAPPING_INVALID`
 * listing every problem as `file:line: path: what was expected, got what`.
 */
export const parseColumnMapping = (text: string, fileName: string): ColumnMapping =>
  parseYamlDocument(text, fileName, ColumnMapping, 'MAPPING_INVALID');

/** Reads a mapping file from disk: `FILE_NOT_FOUND` when it is missing, else as `parseColumnMapping`. */
export const loadColumnMapping = async (path: string): Promise<ColumnMapping> =>
  parseColumnMapping(await readDocumentFile(path, 'mapping file'), path);
