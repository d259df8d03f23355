import type { KnowledgeSection } from './split-markdown.js';
import { tokenize } from './tokenize.js';

/** BM25's usual parameters: term-frequency saturation and length normalization. */
export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
}

/** A searchable set of sections: term counts per section and document frequencies. */
export interface Bm25Index {
  readonly sections: readonly KnowledgeSection[];
  readonly termCounts: readonly ReadonlyMap<string, number>[];
  readonly lengths: Float64Array;
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly averageLength: number;
  readonly params: Bm25Params;
}

/** A section that matched a query: its BM25 score and the share of the query it covers. */
export interface Bm25Hit {
  readonly section: KnowledgeSection;
  readonly score: number;
  /**
   * 0..1: the IDF-weighted share of the query's words found in the section. Words no section
   * has count with the highest IDF, so a question about something the base never mentions
   * ("SOC 2") covers little even when its common words match.
   */
  readonly coverage: number;
}

/** Indexes sections for BM25 retrieval; the heading counts as part of the section's text. */
export const buildBm25Index = (
  sections: readonly KnowledgeSection[],
  params: Bm25Params = { k1: 1.2, b: 0.75 },
): Bm25Index => {
  const documentFrequency = new Map<string, number>();
  const lengths = new Float64Array(sections.length);
  const termCounts = sections.map((s, i) => {
    const counts = new Map<string, number>();
    const tokens = tokenize(`${s.heading}\n${s.text}`);
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const t of counts.keys()) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
    lengths[i] = tokens.length;
    return counts;
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  return {
    sections,
    termCounts,
    lengths,
    documentFrequency,
    averageLength: sections.length === 0 ? 0 : total / sections.length,
    params,
  };
};

/** Robertson–Spärck Jones IDF with the +1 inside the log (never negative, as Lucene does it). */
const idf = (index: Bm25Index, term: string): number => {
  const n = index.sections.length;
  const df = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
};

/** The `limit` best sections for `query`, best first; sections that match no query word are left out. */
export const searchBm25 = (index: Bm25Index, query: string, limit = 3): Bm25Hit[] => {
  const terms = [...new Set(tokenize(query))];
  if (terms.length === 0 || index.sections.length === 0) return [];
  const weights = terms.map((t) => idf(index, t));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const { k1, b } = index.params;
  const hits: Bm25Hit[] = [];
  index.termCounts.forEach((counts, i) => {
    let score = 0;
    let covered = 0;
    const norm = 1 - b + (b * (index.lengths[i] ?? 0)) / (index.averageLength || 1);
    terms.forEach((t, j) => {
      const tf = counts.get(t);
      if (tf === undefined) return;
      const w = weights[j] ?? 0;
      score += (w * tf * (k1 + 1)) / (tf + k1 * norm);
      covered += w;
    });
    const section = index.sections[i];
    if (score > 0 && section !== undefined)
      hits.push({ section, score, coverage: totalWeight === 0 ? 0 : covered / totalWeight });
  });
  return hits.sort((x, y) => y.score - x.score).slice(0, limit);
};
