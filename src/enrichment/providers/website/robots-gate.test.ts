import { afterEach, describe, expect, it } from 'vitest';
import { createRobotsGate, type RobotsGateOptions } from './robots-gate.js';
import { closeServers, redirect, serveSite, text } from './test-support/local-site.js';

afterEach(closeServers);

const gate = (rest: Partial<RobotsGateOptions> = {}) =>
  createRobotsGate({
    agent: 'leadsift',
    userAgentHeader: 'leadsift',
    timeoutMs: 2000,
    mayFollow: () => true,
    ...rest,
  });
const check = (g: ReturnType<typeof gate>, url: string) =>
  g.check(new URL(url), new AbortController().signal);

describe('the robots.txt gate', () => {
  it('applies the longest matching rule for our agent, an Allow winning a tie', async () => {
    const site = await serveSite({
      '/robots.txt': text(
        'User-agent: *\nDisallow: /\n\nUser-agent: leadsift\nDisallow: /private\nAllow: /private/press\nDisallow: /*.pdf$\n',
      ),
    });
    const g = gate();
    expect((await check(g, `${site.base}/`)).allowed).toBe(true);
    expect((await check(g, `${site.base}/private/x`)).allowed).toBe(false);
    expect((await check(g, `${site.base}/private/press/2026`)).allowed).toBe(true);
    expect((await check(g, `${site.base}/deck.pdf`)).allowed).toBe(false);
    expect((await check(gate({ agent: 'otherbot' }), `${site.base}/`)).allowed).toBe(false);
  });

  it('does not follow a robots.txt redirect to a host it may not visit, and then has no rules', async () => {
    const rules = await serveSite({ '/robots.txt': text('User-agent: *\nDisallow: /\n') });
    const site = await serveSite({ '/robots.txt': redirect(`${rules.base}/robots.txt`) });
    const verdict = await check(
      gate({ mayFollow: (url) => url.port !== new URL(rules.base).port }),
      `${site.base}/`,
    );
    expect(verdict).toEqual({ allowed: true, why: `${site.base}/robots.txt redirects too far: no rules` });
    expect(rules.paths).toEqual([]);
  });

  it('stops waiting when the caller gives up, and still serves the next caller', async () => {
    const site = await serveSite({ '/robots.txt': text('User-agent: *\nAllow: /\n') });
    const g = gate();
    const controller = new AbortController();
    controller.abort(new Error('gave up'));
    await expect(g.check(new URL(`${site.base}/`), controller.signal)).rejects.toThrow('gave up');
    expect((await check(g, `${site.base}/`)).allowed).toBe(true);
  });
});
