import { readFile } from 'node:fs/promises';
import { AppError } from '../domain/app-error.js';

/**
 * Read a configuration document (a mapping, a criteria file) as text: FILE_NOT_FOUND or
 * FILE_UNREADABLE naming the file and what kind of file it was meant to be.
 */
export const readDocumentFile = async (path: string, kind: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', {
      message: `${path}: ${missing ? `no such ${kind}` : `cannot read the ${kind}`}`,
      cause: error,
      details: { file: path },
    });
  }
};
