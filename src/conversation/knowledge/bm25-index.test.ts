import { describe, expect, it } from 'vitest';
import { buildBm25Index, searchBm25 } from './bm25-index.js';
import type { KnowledgeSection } from './split-markdown.js';

const section = (heading: string, text: string): KnowledgeSection => ({
  file: 'f.md',
  heading,
  text,
  line: 1,
});

describe('searchBm25', () => {
  it('scores by the BM25 formula (k1 1.2, b 0.75, Lucene IDF)', () => {
    const index = buildBm25Index([section('', 'apple apple banana'), section('', 'banana cherry')]);
    const [hit, ...rest] = searchBm25(index, 'apple');
    // idf = ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2; length 3 over an average of 2.5.
    const norm = 1 - 0.75 + (0.75 * 3) / 2.5;
    expect(hit?.score).toBeCloseTo((Math.LN2 * 2 * 2.2) / (2 + 1.2 * norm), 10);
    expect(hit?.coverage).toBe(1);
    expect(rest).toEqual([]);
  });

  it('ranks the section about the question first, whatever the word forms', () => {
    const index = buildBm25Index([
      section('Integrations', 'We integrate with HubSpot and Salesforce.'),
      section('Pricing', 'Free and open source; no licence fee.'),
    ]);
    expect(
      searchBm25(index, 'Which CRMs do you have integrations for? Salesforce?')[0]?.section.heading,
    ).toBe('Integrations');
    expect(searchBm25(index, 'is there a licence fee')[0]?.section.heading).toBe('Pricing');
  });

  it('counts words the base never mentions against coverage', () => {
    const index = buildBm25Index([
      section('Security', 'Your data stays on your servers.'),
      section('Other', 'Nothing'),
    ]);
    const [hit] = searchBm25(index, 'are you SOC2 certified for data');
    expect(hit?.section.heading).toBe('Security');
    expect(hit?.coverage).toBeLessThan(0.5);
    expect(searchBm25(index, 'the and of')).toEqual([]);
  });
});
