/**
 * The website provider: reads a company's homepage (robots-aware, bounded) for schema.org
 * facts, meta tags, social links and technology signatures.
 */
export {
  createWebsiteProvider,
  WEBSITE_DEFAULTS,
  type WebsiteProviderOptions,
} from './create-website-provider.js';
export { detectTechnologies, type DetectedTechnology, type PageEvidence } from './detect-technologies.js';
export {
  JSON_LD_CONFIDENCE,
  PAGE_CONFIDENCE,
  TECHNOLOGY_CONFIDENCE,
  nameFromTitle,
  pageFields,
  type PageReading,
} from './page-fields.js';
export { parsePage, type PageMarkup } from './parse-page.js';
export { readJsonLd, type JsonLdOrganization, type JsonLdReading } from './read-json-ld.js';
export { socialProfileOf, socialProfilesOf, type SocialNetwork, type SocialProfile } from './social-links.js';
export {
  TECHNOLOGY_SIGNATURES,
  type TechnologyCategory,
  type TechnologyEvidence,
  type TechnologySignature,
} from './technology-signatures.js';
