import robotsParserModule from 'robots-parser';
import { decodeBody, readCappedBody } from './read-capped-body.js';

/**
 * What robots.txt says about one URL for our user agent. `unreachable` when robots.txt could not
 * be had (429, 5xx, network error, timeout): then nothing may be read, but only for now.
 */
export type RobotsVerdict =
  | { readonly allowed: true; readonly why: string }
  | { readonly allowed: false; readonly unreachable: boolean; readonly why: string };

/** Asks, per origin, whether a URL may be fetched; robots.txt is read once per origin. */
export interface RobotsGate {
  check(url: URL, signal: AbortSignal): Promise<RobotsVerdict>;
}

/** How a gate fetches robots.txt. */
export interface RobotsGateOptions {
  /** The robots.txt product token we obey (`User-agent: leadsift`). */
  readonly agent: string;
  /** The User-Agent header sent. */
  readonly userAgentHeader: string;
  /** How long robots.txt may take, redirects included; a timeout counts as unreachable. */
  readonly timeoutMs: number;
  /** Whether a robots.txt redirect may lead to this URL (public host names only, in real runs). */
  readonly mayFollow: (url: URL) => boolean;
  /** Origins remembered; the oldest is forgotten beyond this. */
  readonly maxOrigins?: number;
}

type Rules = (url: string) => RobotsVerdict;

/** The part of robots-parser's `Robot` we use. */
interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
}
// robots-parser is CommonJS (`module.exports = function`), but its types declare an ES default
// export, which NodeNext resolution reads as the module object: the import is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => ParsedRobots;

// RFC 9309 §2.5: crawlers must read at least 500 KiB of robots.txt, and follow at least five
// consecutive redirects; we do exactly that.
const ROBOTS_MAX_BYTES = 500 * 1024;
const ROBOTS_MAX_REDIRECTS = 5;
const DEFAULT_MAX_ORIGINS = 1000;

const allowAll =
  (why: string): Rules =>
  () => ({ allowed: true, why });
const unreachable =
  (why: string): Rules =>
  () => ({ allowed: false, unreachable: true, why });

/** GETs robots.txt, following redirects by hand to hosts `mayFollow` accepts. */
const getRobots = async (robotsUrl: string, options: RobotsGateOptions, signal: AbortSignal) => {
  let url = new URL(robotsUrl);
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { 'user-agent': options.userAgentHeader, accept: 'text/plain' },
      signal,
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, url);
    // RFC 9309 §2.3.1.2: past the redirect limit, robots.txt counts as unavailable (4xx).
    if (redirects >= ROBOTS_MAX_REDIRECTS || !/^https?:$/.test(next.protocol) || !options.mayFollow(next))
      return undefined;
    url = next;
  }
};

/**
 * Fetches and interprets one origin's robots.txt as RFC 9309 and Google document it: 2xx is
 * parsed (the longest rule for our agent, else for `*`, wins); other 4xx, and redirects that
 * lead nowhere, mean "no robots.txt", so everything is allowed; 429, 5xx, network errors and
 * timeouts mean "unreachable", so nothing is.
 */
const fetchRules = async (origin: string, options: RobotsGateOptions): Promise<Rules> => {
  const robotsUrl = `${origin}/robots.txt`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response | undefined;
  try {
    response = await getRobots(robotsUrl, options, signal);
  } catch (error) {
    const what =
      error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    return unreachable(`${robotsUrl} ${what}: treated as disallowing everything`);
  }
  if (response === undefined) return allowAll(`${robotsUrl} redirects too far: no rules`);
  const { status } = response;
  if (status === 429 || status >= 500) {
    await response.body?.cancel();
    return unreachable(`${robotsUrl} answered ${status}: treated as disallowing everything`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    return allowAll(`${robotsUrl} answered ${status}: no rules`);
  }
  let text: string;
  try {
    const body = await readCappedBody(response, ROBOTS_MAX_BYTES);
    text = decodeBody(body.bytes, response.headers.get('content-type'));
  } catch {
    return unreachable(`${robotsUrl} could not be read: treated as disallowing everything`);
  }
  const robots = robotsParser(robotsUrl, text);
  return (url) => {
    const line = robots.getMatchingLineNumber(url, options.agent);
    const where = line > 0 ? ` (line ${line})` : '';
    return robots.isAllowed(url, options.agent) === false
      ? { allowed: false, unreachable: false, why: `${robotsUrl} disallows it for ${options.agent}${where}` }
      : { allowed: true, why: `${robotsUrl} allows it${where}` };
  };
};

/** Waits for `promise`, or rejects with the signal's reason as soon as it aborts. */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> => {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  });
};

/**
 * A robots.txt gate for one provider instance: each origin's rules are fetched once (concurrent
 * checks share the fetch) and kept for the instance's life, up to `maxOrigins` origins. The
 * fetch runs on its own timeout, not the caller's signal, so that one cancelled lookup cannot
 * leave a wrong verdict behind for the others; the caller still stops waiting when its signal
 * aborts.
 */
export const createRobotsGate = (options: RobotsGateOptions): RobotsGate => {
  const byOrigin = new Map<string, Promise<Rules>>();
  const maxOrigins = options.maxOrigins ?? DEFAULT_MAX_ORIGINS;
  const rulesFor = (origin: string): Promise<Rules> => {
    let rules = byOrigin.get(origin);
    if (rules === undefined) {
      if (byOrigin.size >= maxOrigins) {
        const oldest = byOrigin.keys().next();
        if (oldest.done !== true) byOrigin.delete(oldest.value);
      }
      rules = fetchRules(origin, options);
      byOrigin.set(origin, rules);
    }
    return rules;
  };
  return {
    check: async (url, signal) => (await untilAborted(rulesFor(url.origin), signal))(url.href),
  };
};
