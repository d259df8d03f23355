import type { ActivityType } from '../domain/activity.js';
import type { DemoEvent } from './demo-data.js';
import type { SeededRandom } from '../domain/seeded-random.js';

/** What the events of one lead are generated from. */
export interface DemoEventInput {
  readonly leadRef: string;
  /** Latent interest in [0, 1]: more, more recent and stronger signals as it grows. */
  readonly interest: number;
  readonly leadSource: string;
  readonly createdMs: number;
  readonly nowMs: number;
}

/** The name of the asset the hidden rules reward downloading. */
export const ROI_CALCULATOR = 'ROI calculator';

const DAY_MS = 86_400_000;
const PAGES = [
  '/',
  '/product',
  '/blog/lead-scoring-101',
  '/blog/what-is-revops',
  '/blog/bant-vs-meddic',
  '/blog/speed-to-lead',
  '/docs/getting-started',
  '/docs/api/leads',
  '/customers/brightforge',
  '/customers',
  '/integrations/salesforce',
  '/integrations/hubspot',
  '/careers',
];
const PRICING_URLS = ['/pricing', '/pricing', '/pricing?plan=enterprise', '/pricing#faq'];
const CAMPAIGNS = ['Welcome nurture #1', 'Q2 product update', 'Webinar invite', 'Case study: 3x pipeline'];
const WEBINARS = ['Qualify leads in seconds', 'RevOps office hours', 'From MQL to revenue'];

const poisson = (rng: SeededRandom, lambda: number): number => {
  // Knuth's method: fine for the small means used here.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
};

const assetTables = new Map<number, readonly (readonly [string, number])[]>();
const assets = (year: number): readonly (readonly [string, number])[] => {
  let table = assetTables.get(year);
  if (table === undefined) {
    table = [
      [ROI_CALCULATOR, 1],
      ["Buyer's guide", 2],
      [`State of RevOps ${year} report`, 2],
      ['Lead scoring playbook', 1.5],
      ['Case study: Brightforge', 1],
    ];
    assetTables.set(year, table);
  }
  return table;
};

/** An event of one lead with its time in epoch milliseconds, as the hidden rules read it. */
export interface TimedDemoEvent {
  readonly t: number;
  readonly type: ActivityType;
  readonly properties: Record<string, string | number | boolean>;
}

/**
 * Appends the behaviour events of one lead to `out`, in time order: page views, pricing views,
 * downloads, webinars, emails, demo requests and trials, mostly in the days before the lead
 * arrived (see `at`), with counts and strengths that grow with the lead's latent interest.
 * Nothing happens after `nowMs`.
 * Returns the same events with their times as numbers.
 */
export const generateDemoEvents = (
  rng: SeededRandom,
  input: DemoEventInput,
  out: DemoEvent[],
): readonly TimedDemoEvent[] => {
  const { interest: u, createdMs, nowMs } = input;
  const drafts: TimedDemoEvent[] = [];
  const year = new Date(nowMs).getUTCFullYear();
  // Inbound buyers do most of their research before they reach out: half of a lead's events
  // fall in the days before it arrived (a few weeks at most), a fifth around its arrival, and
  // the rest follow it, for longer the more engaged the lead is (nurture emails, return visits).
  const at = (): number => {
    const phase = rng.next();
    const days =
      phase < 0.5
        ? -Math.min(21, Math.abs(4 * rng.normal()))
        : phase < 0.7
          ? 2 * rng.normal()
          : rng.next() * (14 + 60 * u);
    return createdMs + days * DAY_MS;
  };
  const add = (type: ActivityType, properties: TimedDemoEvent['properties'], t = at()): void => {
    if (t <= nowMs) drafts.push({ t: Math.floor(t), type, properties });
  };
  const source = input.leadSource;
  if (source === 'Demo Request') add('demo_request', { url: '/demo', form: 'Book a demo' }, createdMs);
  if (source === 'Product Signup') add('trial_signup', { plan: 'Free trial' }, createdMs);
  if (source === 'Webinar')
    add('webinar_attended', { webinar: rng.pick(WEBINARS), minutes: rng.int(5, 60) }, createdMs);
  if (source === 'Website') add('form_submission', { form: 'Contact us', url: '/contact' }, createdMs);
  if (source === 'Content Download')
    add('content_download', { asset: rng.weighted(assets(year)) }, createdMs);

  for (let n = poisson(rng, 0.5 + 5 * u); n > 0; n--) add('page_view', { url: rng.pick(PAGES) });
  for (let n = poisson(rng, 0.15 + 4.5 * u * u); n > 0; n--)
    add('pricing_page_view', { url: rng.pick(PRICING_URLS) });
  for (let n = poisson(rng, 0.2 + 1.2 * u); n > 0; n--)
    add('content_download', { asset: rng.weighted(assets(year)) });
  if (rng.chance(0.03 + 0.3 * u * u)) add('content_download', { asset: ROI_CALCULATOR });
  if (rng.chance(0.04 + 0.15 * u))
    add('webinar_attended', { webinar: rng.pick(WEBINARS), minutes: rng.int(5, 60) });
  if (source !== 'Demo Request' && rng.chance(0.02 + 0.4 * u * u))
    add('demo_request', { url: '/demo', form: 'Book a demo' });
  if (rng.chance(0.02 + 0.1 * u)) add('trial_signup', { plan: 'Free trial' });
  for (let n = poisson(rng, 0.5 + 3 * u); n > 0; n--) {
    const campaign = rng.pick(CAMPAIGNS);
    const t = at();
    add('email_open', { campaign }, t);
    if (rng.chance(0.1 + 0.4 * u))
      add('email_click', { campaign, url: rng.pick(PAGES) }, t + 60_000 * rng.int(1, 30));
  }
  if (rng.chance(0.02 + 0.2 * u * u))
    add('email_reply', { campaign: rng.pick(CAMPAIGNS), sentiment: 'positive' });

  drafts.sort((a, b) => a.t - b.t);
  for (const d of drafts) {
    out.push({
      leadRef: input.leadRef,
      type: d.type,
      occurredAt: new Date(d.t).toISOString(),
      properties: d.properties,
    });
  }
  return drafts;
};
