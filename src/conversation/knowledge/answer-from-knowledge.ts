import { searchBm25, type Bm25Index } from './bm25-index.js';

/** Where an answer came from: a knowledge file and the heading of its section. */
export interface Citation {
  readonly file: string;
  readonly heading: string;
}

/** An answer from the knowledge base, or none — never an invented one. */
export type KnowledgeAnswer =
  | { readonly found: true; readonly text: string; readonly citation: Citation; readonly score: number }
  | { readonly found: false };

/** How sure retrieval must be before the agent answers from a section. */
export interface AnswerOptions {
  /** The least share of the question's (IDF-weighted) words the section must contain. */
  readonly minCoverage: number;
  /** The least BM25 score. */
  readonly minScore: number;
  /** The longest answer, cut at a sentence end. */
  readonly maxChars: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = Object.freeze({
  minCoverage: 0.5,
  minScore: 1,
  maxChars: 400,
});

/** The section's first sentences, up to `maxChars`, as plain text (markdown list marks and emphasis removed). */
const excerpt = (text: string, maxChars: number): string => {
  const plain = text
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > 0 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))} …`;
};

/**
 * Answers a product question from the best-matching section when it covers enough of the
 * question, citing its file and heading; otherwise says nothing was found, so that the caller
 * hands the question to a person instead of guessing.
 */
export const answerFromKnowledge = (
  index: Bm25Index,
  question: string,
  options: AnswerOptions = DEFAULT_ANSWER_OPTIONS,
): KnowledgeAnswer => {
  const [best] = searchBm25(index, question, 1);
  if (best === undefined || best.coverage < options.minCoverage || best.score < options.minScore)
    return { found: false };
  return {
    found: true,
    text: excerpt(best.section.text, options.maxChars),
    citation: { file: best.section.file, heading: best.section.heading },
    score: best.score,
  };
};
