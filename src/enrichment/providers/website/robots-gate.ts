import robotsParserModule from 'robots-parser';
import { readCappedBody, decodeBody } from './read-capped-body.js';

/** What robots.txt says about one URL for our user agent. */
export type RobotsVerdict =
  { readonly allowed: true; readonly why: string } | { readonly allowed: false; readonly why: string };

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
  /** How long robots.txt may take; a timeout counts as "unreachable" (disallow all). */
  readonly timeoutMs: number;
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

// RFC 9309 §2.5: crawlers must read at least 500 KiB of robots.txt; we read that much.
const ROBOTS_MAX_BYTES = 500 * 1024;
const DEFAULT_MAX_ORIGINS = 1000;

const allowAll =
  (why: string): Rules =>
  () => ({ allowed: true, why });
const disallowAll =
  (why: string): Rules =>
  () => ({ allowed: false, why });

/**
 * Fetches and interprets one origin's robots.txt as RFC 9309 and Google document it: 2xx is
 * parsed (the most specific rule for our agent, else `*`, wins); other 4xx mean "no robots.txt",
 * so everything is allowed; 429, 5xx, network errors and timeouts mean "unreachable", so
 * nothing is. Redirects are followed (fetch allows up to 20; the RFC asks for at least 5).
 */
const fetchRules = async (origin: string, options: RobotsGateOptions): Promise<Rules> => {
  const robotsUrl = `${origin}/robots.txt`;
  let response: Response;
  try {
    response = await fetch(robotsUrl, {
      redirect: 'follow',
      headers: { 'user-agent': options.userAgentHeader, accept: 'text/plain' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const what = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    return disallowAll(`${robotsUrl} ${what}: treated as disallowing everything`);
  }
  const { status } = response;
  if (status === 429 || status >= 500) {
    await response.body?.cancel();
    return disallowAll(`${robotsUrl} answered ${status}: treated as disallowing everything`);
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
    return disallowAll(`${robotsUrl} could not be read: treated as disallowing everything`);
  }
  const robots = robotsParser(robotsUrl, text);
  return (url) => {
    const line = robots.getMatchingLineNumber(url, options.agent);
    const allowed = robots.isAllowed(url, options.agent) !== false;
    const where = line > 0 ? ` (line ${line})` : '';
    return allowed
      ? { allowed: true, why: `${robotsUrl} allows it${where}` }
      : { allowed: false, why: `${robotsUrl} disallows it for ${options.agent}${where}` };
  };
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
      rules = fetchRules(origin, options);
      if (byOrigin.size >= maxOrigins) {
        const oldest = byOrigin.keys().next();
        if (oldest.done !== true) byOrigin.delete(oldest.value);
      }
      byOrigin.set(origin, rules);
    }
    return rules;
  };
  return {
    check: async (url, signal) => {
      signal.throwIfAborted();
      const aborted = new Promise<never>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
      aborted.catch(() => undefined);
      const rules = await Promise.race([rulesFor(url.origin), aborted]);
      return rules(url.href);
    },
  };
};
