import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.js';

interface ReceiverExample {
  verifyLeadsift(secret: string, header: string, body: string, nowSeconds?: number): boolean;
}
const { verifyLeadsift } = (await import(
  new URL('../../../examples/actions/verify-webhook.mjs', import.meta.url).href
)) as ReceiverExample;

const NOW = 1_796_000_000;
const body = '{"id":"evt_1","type":"lead.decided"}';

describe('the receiver example in examples/actions and the README', () => {
  it('accepts what sendWebhook signs, with one secret or during a rotation', () => {
    expect(verifyLeadsift('s', signWebhook({ secret: 's', timestamp: NOW, body }), body, NOW)).toBe(true);
    expect(
      verifyLeadsift('old', signWebhook({ secret: ['new', 'old'], timestamp: NOW, body }), body, NOW),
    ).toBe(true);
  });

  it('refuses a changed body, another secret, an old timestamp and a malformed header', () => {
    const header = signWebhook({ secret: 's', timestamp: NOW, body });
    expect(verifyLeadsift('s', header, `${body} `, NOW)).toBe(false);
    expect(verifyLeadsift('t', header, body, NOW)).toBe(false);
    expect(verifyLeadsift('s', header, body, NOW + 301)).toBe(false);
    expect(verifyLeadsift('s', 'v1=abc', body, NOW)).toBe(false);
    expect(verifyLeadsift('s', `t=${NOW},v1=${'z'.repeat(64)}`, body, NOW)).toBe(false);
  });
});
