import type { PageMarkup } from './parse-page.js';
import {
  TECHNOLOGY_SIGNATURES,
  type TechnologyCategory,
  type TechnologySignature,
} from './technology-signatures.js';

/** What a page and its response show: the markup, the raw HTML, headers and cookie names. */
export interface PageEvidence {
  readonly markup: PageMarkup;
  readonly html: string;
  /** Response headers by lower-case name. */
  readonly headers: ReadonlyMap<string, string>;
  /** Names of the cookies the response sets. */
  readonly cookies: readonly string[];
}

/** A technology found on a page, and the first piece of evidence that showed it. */
export interface DetectedTechnology {
  readonly name: string;
  readonly category: TechnologyCategory;
  /** e.g. `script https://js.hs-scripts.com/123.js`, `header server: cloudflare`, `implied by Next.js`. */
  readonly evidence: string;
}

const MAX_EVIDENCE_CHARS = 120;
const short = (text: string): string =>
  text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;

const firstMatch = (patterns: readonly RegExp[] | undefined, texts: readonly string[]) => {
  for (const pattern of patterns ?? [])
    for (const text of texts) {
      const match = pattern.exec(text);
      if (match !== null) return match[0];
    }
  return undefined;
};

/** The first piece of evidence on the page for one signature, described; undefined if none. */
const evidenceFor = (signature: TechnologySignature, page: PageEvidence): string | undefined => {
  const { evidence } = signature;
  const { markup } = page;
  const resources = [...markup.scriptSrcs, ...markup.linkHrefs];
  const resource = evidence.resources?.length
    ? resources.find((url) => evidence.resources?.some((p) => p.test(url)))
    : undefined;
  if (resource !== undefined) return `loads ${short(resource)}`;
  for (const [name, pattern] of Object.entries(evidence.headers ?? {})) {
    const value = page.headers.get(name);
    if (value !== undefined && pattern.test(value)) return `header ${name}: ${short(value)}`;
  }
  const generator = markup.generators.find((g) => evidence.generator?.test(g) === true);
  if (generator !== undefined) return `meta generator ${short(generator)}`;
  const cookie = page.cookies.find((c) => evidence.cookies?.some((p) => p.test(c)));
  if (cookie !== undefined) return `cookie ${cookie}`;
  const inline = firstMatch(evidence.inlineScripts, markup.inlineScripts);
  if (inline !== undefined) return `inline script ${short(inline)}`;
  const html = firstMatch(evidence.html, [page.html]);
  return html === undefined ? undefined : `markup ${short(html)}`;
};

/**
 * The technologies a page shows, by leadsift's signature table, in the table's order, each with
 * the evidence found; technologies implied by a detected one (React under Next.js) are added.
 */
export const detectTechnologies = (
  page: PageEvidence,
  signatures: readonly TechnologySignature[] = TECHNOLOGY_SIGNATURES,
): DetectedTechnology[] => {
  const found = new Map<string, DetectedTechnology>();
  for (const signature of signatures) {
    const evidence = evidenceFor(signature, page);
    if (evidence !== undefined)
      found.set(signature.name, { name: signature.name, category: signature.category, evidence });
  }
  for (const signature of signatures) {
    if (!found.has(signature.name)) continue;
    for (const implied of signature.implies ?? []) {
      const target = signatures.find((s) => s.name === implied);
      if (target !== undefined && !found.has(implied))
        found.set(implied, {
          name: implied,
          category: target.category,
          evidence: `implied by ${signature.name}`,
        });
    }
  }
  const order = new Map(signatures.map((s, i) => [s.name, i]));
  return [...found.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
};
