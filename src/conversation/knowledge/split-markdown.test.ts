import { describe, expect, it } from 'vitest';
import { splitMarkdown } from './split-markdown.js';

describe('splitMarkdown', () => {
  it('splits at headings and keeps each heading path and line', () => {
    const md = '# Pricing\n\nFree.\n\n## Support\nPaid support exists.\n\n# Other\n## Deep\nText';
    expect(splitMarkdown('pricing.md', md)).toEqual([
      { file: 'pricing.md', heading: 'Pricing', text: 'Free.', line: 1 },
      { file: 'pricing.md', heading: 'Pricing › Support', text: 'Paid support exists.', line: 5 },
      { file: 'pricing.md', heading: 'Other › Deep', text: 'Text', line: 9 },
    ]);
  });

  it("treats headings inside code fences as text, and text before any heading as the file's", () => {
    const sections = splitMarkdown('a.md', 'Intro\n```\n# not a heading\n```\n# Real\nBody');
    expect(sections.map((s) => s.heading)).toEqual(['a.md', 'Real']);
    expect(sections[0]?.text).toContain('# not a heading');
  });
});
