import { Parser } from 'htmlparser2';

/** What a page's markup holds that the website provider reads; plain data. */
export interface PageMarkup {
  /** The first `<title>`'s text, whitespace collapsed. */
  readonly title: string | undefined;
  /** `<meta>` contents by lower-case `name` or `property` (first one wins). */
  readonly meta: ReadonlyMap<string, string>;
  /** Every `<meta name="generator">` (a CMS and its plugins may each add one). */
  readonly generators: readonly string[];
  /** `src` of every `<script>`, as written. */
  readonly scriptSrcs: readonly string[];
  /** `href` of every `<link>` (stylesheets, preloads), as written. */
  readonly linkHrefs: readonly string[];
  /** The text of every inline `<script>` that is not JSON-LD. */
  readonly inlineScripts: readonly string[];
  /** The text of every `<script type="application/ld+json">`. */
  readonly jsonLd: readonly string[];
  /** `href` of every `<a>`, as written. */
  readonly anchors: readonly string[];
  /** `action` of every `<form>`, as written. */
  readonly formActions: readonly string[];
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Reads the parts of an HTML document the website provider uses, with htmlparser2's tolerant
 * streaming parser: a page cut short or badly nested still yields what it holds.
 */
export const parsePage = (html: string): PageMarkup => {
  const meta = new Map<string, string>();
  const generators: string[] = [];
  let svgDepth = 0;
  const scriptSrcs: string[] = [];
  const linkHrefs: string[] = [];
  const inlineScripts: string[] = [];
  const jsonLd: string[] = [];
  const anchors: string[] = [];
  const formActions: string[] = [];
  let title: string | undefined;
  let inTitle = false;
  let titleText = '';
  let script: { text: string; jsonLd: boolean } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'svg') svgDepth++;
        // An SVG's <title> labels a picture, not the page.
        if (name === 'title' && title === undefined && svgDepth === 0) {
          inTitle = true;
          titleText = '';
        } else if (name === 'meta') {
          const key = (attributes.name ?? attributes.property ?? attributes.itemprop)?.toLowerCase();
          const content = attributes.content;
          if (key !== undefined && content !== undefined && !meta.has(key)) meta.set(key, collapse(content));
          if (key === 'generator' && content !== undefined) generators.push(collapse(content));
        } else if (name === 'script') {
          if (attributes.src !== undefined) scriptSrcs.push(attributes.src);
          const type = (attributes.type ?? '').trim().toLowerCase();
          script = { text: '', jsonLd: type === 'application/ld+json' };
        } else if (name === 'link' && attributes.href !== undefined) linkHrefs.push(attributes.href);
        else if (name === 'a' && attributes.href !== undefined) anchors.push(attributes.href);
        else if (name === 'form' && attributes.action !== undefined) formActions.push(attributes.action);
      },
      ontext(text) {
        if (script !== undefined) script.text += text;
        else if (inTitle) titleText += text;
      },
      onclosetag(name) {
        if (name === 'svg' && svgDepth > 0) svgDepth--;
        if (name === 'title' && inTitle) {
          inTitle = false;
          title = collapse(titleText);
        } else if (name === 'script' && script !== undefined) {
          if (script.jsonLd) jsonLd.push(script.text);
          else if (script.text.trim() !== '') inlineScripts.push(script.text);
          script = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return {
    title: title === '' ? undefined : title,
    meta,
    generators,
    scriptSrcs,
    linkHrefs,
    inlineScripts,
    jsonLd,
    anchors,
    formActions,
  };
};
