import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { buildBm25Index, type Bm25Index } from './bm25-index.js';
import { splitMarkdown, type KnowledgeSection } from './split-markdown.js';

const markdownFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return markdownFiles(path);
      return e.isFile() && /\.(?:md|markdown)$/i.test(e.name) ? [path] : [];
    }),
  );
  return nested.flat().sort();
};

/**
 * Reads every markdown file under `dir` (recursively, in name order) and indexes its sections;
 * citations name files relative to `dir`. Fails with FILE_NOT_FOUND when `dir` cannot be read.
 */
export const readKnowledgeBase = async (dir: string): Promise<Bm25Index> => {
  let files: string[];
  try {
    files = await markdownFiles(dir);
  } catch (cause) {
    throw new AppError('FILE_NOT_FOUND', {
      message: `knowledge base ${dir}: cannot read the folder; pass a folder of markdown files`,
      cause,
    });
  }
  const sections: KnowledgeSection[] = [];
  for (const file of files)
    sections.push(...splitMarkdown(relative(dir, file), await readFile(file, 'utf8')));
  return buildBm25Index(sections);
};
