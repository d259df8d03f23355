/** One section of a knowledge file: the text under one heading, and where it is. */
export interface KnowledgeSection {
  /** The file's path as given (relative to the knowledge base). */
  readonly file: string;
  /** The heading and its parents, e.g. `Pricing › Support plans`; the file name when none. */
  readonly heading: string;
  readonly text: string;
  /** 1-based line of the heading. */
  readonly line: number;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Splits a markdown file into sections at its headings (ATX `#` headings; headings inside code
 * fences are text). Each section carries its heading path so that an answer can cite it.
 * Sections without text (a heading directly followed by a sub-heading) are left out.
 */
export const splitMarkdown = (file: string, markdown: string): KnowledgeSection[] => {
  const sections: KnowledgeSection[] = [];
  const path: string[] = [];
  let lines: string[] = [];
  let heading = file;
  let line = 1;
  let inFence = false;
  const flush = (): void => {
    const text = lines.join('\n').trim();
    if (text !== '') sections.push({ file, heading, text, line });
    lines = [];
  };
  markdown.split(/\r?\n/).forEach((raw, i) => {
    if (FENCE.test(raw)) inFence = !inFence;
    const m = inFence ? null : HEADING.exec(raw);
    if (m === null) {
      lines.push(raw);
      return;
    }
    flush();
    const level = (m[1] ?? '#').length;
    path.length = Math.min(path.length, level - 1);
    path[level - 1] = (m[2] ?? '').trim();
    heading = path.filter((p) => p !== undefined && p !== '').join(' › ');
    line = i + 1;
  });
  flush();
  return sections;
};
