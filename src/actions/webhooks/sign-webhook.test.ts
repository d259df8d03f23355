import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './sign-webhook.js';

const NOW = 1_796_000_000;
const body = '{"id":"evt_1","type":"lead.decided"}';

describe('webhook signatures', () => {
  it('sign as t=<timestamp>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    // Computed independently: printf '1796000000.{...}' | openssl dgst -sha256 -hmac whsec_test
    const header = signWebhook({ secret: 'whsec_test', timestamp: NOW, body });
    expect(header).toBe('t=1796000000,v1=1b81d6bb200372b9092c78382450bb734962711c504d37924031e50491ea763f');
  });

  it('verify a signature they made, for any secret and body', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (secret, text, ts) => {
          const header = signWebhook({ secret, timestamp: ts, body: text });
          expect(verifyWebhookSignature({ secret, header, body: text, nowSeconds: ts })).toEqual({
            ok: true,
          });
        },
      ),
    );
  });

  it('refuse a body changed by one character', () => {
    const header = signWebhook({ secret: 's3cret', timestamp: NOW, body });
    const tampered = body.replace('evt_1', 'evt_2');
    expect(verifyWebhookSignature({ secret: 's3cret', header, body: tampered, nowSeconds: NOW })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuse a signature made with another secret', () => {
    const header = signWebhook({ secret: 'old', timestamp: NOW, body });
    expect(verifyWebhookSignature({ secret: 'new', header, body, nowSeconds: NOW })).toMatchObject({
      ok: false,
    });
  });

  it('refuse a timestamp moved to replay an old signature under a fresh time', () => {
    const header = signWebhook({ secret: 's', timestamp: NOW - 3600, body }).replace(
      `t=${NOW - 3600}`,
      `t=${NOW}`,
    );
    expect(verifyWebhookSignature({ secret: 's', header, body, nowSeconds: NOW })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuse a signature older or newer than the tolerance, and accept one at its edge', () => {
    const header = signWebhook({ secret: 's', timestamp: NOW, body });
    const check = (nowSeconds: number, toleranceSeconds?: number) =>
      verifyWebhookSignature({
        secret: 's',
        header,
        body,
        nowSeconds,
        ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
      });
    expect(check(NOW + 300)).toEqual({ ok: true });
    expect(check(NOW + 301)).toEqual({ ok: false, reason: 'expired' });
    expect(check(NOW - 301)).toEqual({ ok: false, reason: 'expired' });
    expect(check(NOW + 600, 600)).toEqual({ ok: true });
  });

  it('accept any of several v1 values, so a sender can sign with the old and the new secret while rotating', () => {
    const header = signWebhook({ secret: ['new', 'old'], timestamp: NOW, body });
    expect(header.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verifyWebhookSignature({ secret: 'old', header, body, nowSeconds: NOW })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret: 'new', header, body, nowSeconds: NOW })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret: 'other', header, body, nowSeconds: NOW })).toMatchObject({
      ok: false,
    });
  });

  it('let a receiver verify with several secrets while it rotates', () => {
    const header = signWebhook({ secret: 'old', timestamp: NOW, body });
    expect(verifyWebhookSignature({ secret: ['new', 'old'], header, body, nowSeconds: NOW })).toEqual({
      ok: true,
    });
  });

  it('call headers without a timestamp or a well-formed v1 malformed', () => {
    const v1 = signWebhook({ secret: 's', timestamp: NOW, body }).split(',')[1] ?? '';
    for (const header of [
      '',
      'garbage',
      v1,
      `t=${NOW}`,
      `t=${NOW},v1=abc`,
      `t=soon,${v1}`,
      `t=${NOW},v0=${'a'.repeat(64)}`,
    ])
      expect(verifyWebhookSignature({ secret: 's', header, body, nowSeconds: NOW })).toEqual({
        ok: false,
        reason: 'malformed',
      });
  });

  it('tolerate spaces around the header parts and unknown schemes beside v1', () => {
    const [t, v1] = signWebhook({ secret: 's', timestamp: NOW, body }).split(',');
    const header = ` ${t ?? ''} , v2=future , ${v1 ?? ''} `;
    expect(verifyWebhookSignature({ secret: 's', header, body, nowSeconds: NOW })).toEqual({ ok: true });
  });

  it('refuse to sign with an empty secret or a fractional timestamp', () => {
    expect(() => signWebhook({ secret: '', timestamp: NOW, body })).toThrow(/secret/);
    expect(() => signWebhook({ secret: 's', timestamp: 1.5, body })).toThrow(/whole unix seconds/);
  });
});
