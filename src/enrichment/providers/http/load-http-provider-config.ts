import { parseYamlDocument } from '../../../documents/parse-yaml-document.js';
import { readDocumentFile } from '../../../documents/read-document-file.js';
import { HttpProviderConfig } from './http-provider-config.js';

const freeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Parses an HTTP provider config (YAML or JSON text). Throws CONFIG_INVALID listing every
 * problem as `file:line: path: what was expected`. The result is frozen.
 */
export const parseHttpProviderConfig = (text: string, fileName: string): HttpProviderConfig =>
  freeze(parseYamlDocument(text, fileName, HttpProviderConfig, 'CONFIG_INVALID'));

/** Reads an HTTP provider config file; FILE_NOT_FOUND, FILE_UNREADABLE or CONFIG_INVALID. */
export const loadHttpProviderConfig = async (path: string): Promise<HttpProviderConfig> =>
  parseHttpProviderConfig(await readDocumentFile(path, 'HTTP provider config'), path);
